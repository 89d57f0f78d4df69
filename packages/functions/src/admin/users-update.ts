import { updateUserAsAdmin } from '@nocturnal/core/users/admin-users';
import { adminUserBody, adminUserParams, publicUser } from '../auth/schemas';
import { userStores } from '../clients/users';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { requireAuth } from '../middleware/auth';

/** `PATCH /api/v1/admin/users/{id}` `{role?, disabled?}` → 200 user; 404 USER_NOT_FOUND (admin). */
export const handler = route(
  'admin-users-update',
  async ({ runtime, auth, params, body }) =>
    reply(publicUser, 200, await updateUserAsAdmin(await runtime.get(userStores), requireAuth(auth).userId, params.id, body)),
  { params: adminUserParams, body: adminUserBody },
);

