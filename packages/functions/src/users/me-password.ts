import { changePassword } from '@nocturnal/core/users/change-password';
import { passwordBody } from '../auth/schemas';
import { usersContext } from '../clients/users';
import { json, route } from '../route';
import { requireAuth } from '../middleware/auth';

/** `POST /api/v1/users/me/password` → 200 new session; every other session is revoked. */
export const handler = route(
  'users-me-password',
  async ({ runtime, auth, body }) => json(200, await changePassword(await usersContext(runtime), requireAuth(auth).userId, body)),
  { body: passwordBody },
);

