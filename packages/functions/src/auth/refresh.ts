import { refresh } from '@nocturnal/core/users/refresh';
import { usersContext } from '../clients/users';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { refreshBody, session } from './schemas';

/** `POST /api/v1/auth/refresh` → 200 session (rotated); 401 INVALID_REFRESH_TOKEN | REFRESH_TOKEN_REUSED. */
export const handler = route(
  'auth-refresh',
  async ({ runtime, body }) => reply(session, 200, await refresh(await usersContext(runtime), body.refreshToken)),
  { body: refreshBody },
);

