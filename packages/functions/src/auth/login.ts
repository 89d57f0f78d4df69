import { login } from '@nocturnal/core/users/login';
import { getRateLimits } from '../clients/rate-limit';
import { getUsersContext, warmUserStores } from '../clients/users';
import { json, route } from '../http';
import { throttleLogin } from './login-throttle';
import { loginBody } from './schemas';

/** `POST /api/v1/auth/login` → 200 session; 401 INVALID_CREDENTIALS; 403 ACCOUNT_DISABLED; 429 per-email throttle. */
export const handler = route(
  'auth-login',
  async ({ body }) => {
    const ctx = await getUsersContext();
    return json(200, await throttleLogin(getRateLimits(), body.email, () => login(ctx, body)));
  },
  { body: loginBody },
);

warmUserStores();
