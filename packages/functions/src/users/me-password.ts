import { changePassword } from '@nocturnal/core/users/change-password';
import { passwordBody } from '../auth/schemas';
import { getUsersContext, warmUserStores } from '../clients/users';
import { json, route } from '../http';
import { requireAuth } from '../middleware/auth';

/** `POST /api/v1/users/me/password` → 200 new session; every other session is revoked. */
export const handler = route(
  'users-me-password',
  async ({ auth, body }) => json(200, await changePassword(await getUsersContext(), requireAuth(auth).userId, body)),
  { body: passwordBody },
);

warmUserStores();
