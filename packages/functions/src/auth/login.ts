import { login } from '@nocturnal/core/users/login';
import { getUsersContext } from '../clients/users';
import { json, route } from '../http';
import { loginBody } from './schemas';

/** `POST /api/v1/auth/login` → 200 session; 401 INVALID_CREDENTIALS; 403 ACCOUNT_DISABLED. */
export const handler = route('auth-login', async ({ body }) => json(200, await login(await getUsersContext(), body)), {
  body: loginBody,
});
