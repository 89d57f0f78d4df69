import { listUsers } from '@nocturnal/core/users/admin-users';
import { adminListQuery, userPage } from '../auth/schemas';
import { userStores } from '../clients/users';
import { reply } from '../openapi/reply';
import { route } from '../route';

/** `GET /api/v1/admin/users?limit=&cursor=` → 200 `{items, nextCursor}` (admin). */
export const handler = route(
  'admin-users-list',
  async ({ runtime, query }) => reply(userPage, 200, await listUsers(await runtime.get(userStores), query)),
  { query: adminListQuery },
);

