import { listUsers } from '@nocturnal/core/users/admin-users';
import { adminListQuery } from '../auth/schemas';
import { getUsersContext, warmUserStores } from '../clients/users';
import { json, route } from '../http';

/** `GET /api/v1/admin/users?limit=&cursor=` → 200 `{items, nextCursor}` (admin). */
export const handler = route(
  'admin-users-list',
  async ({ query }) => json(200, await listUsers(await getUsersContext(), query)),
  { query: adminListQuery },
);

warmUserStores();
