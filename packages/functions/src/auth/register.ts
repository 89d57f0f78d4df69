import { register } from '@nocturnal/core/users/register';
import { getUsersContext, warmUserStores } from '../clients/users';
import { json, route } from '../http';
import { registerBody } from './schemas';

/** `POST /api/v1/auth/register` → 201 session; 409 EMAIL_TAKEN. */
export const handler = route(
  'auth-register',
  async ({ body }) => json(201, await register(await getUsersContext(), body), { location: '/api/v1/users/me' }),
  { body: registerBody },
);

warmUserStores();
