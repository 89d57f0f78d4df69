import { changePassword } from '@nocturnal/core/users/change-password';
import { passwordBody, session } from '../auth/schemas';
import { usersContext } from '../clients/users';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { requireAuth } from '../middleware/auth';

/** `POST /api/v1/users/me/password` → 200 new session; every other session is revoked. */
export const handler = route(
  'users-me-password',
  async ({ runtime, auth, body }) => reply(session, 200, await changePassword(await usersContext(runtime), requireAuth(auth).userId, body)),
  { body: passwordBody },
);

