import { register } from '@nocturnal/core/users/register';
import { usersContext } from '../clients/users';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { registerBody, session } from './schemas';

/** `POST /api/v1/auth/register` → 201 session; 409 EMAIL_TAKEN. */
export const handler = route(
  'auth-register',
  async ({ runtime, body }) => reply(session, 201, await register(await usersContext(runtime), body), { location: '/api/v1/users/me' }),
  { body: registerBody },
);

