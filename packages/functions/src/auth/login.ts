import { clientKey } from '@nocturnal/core/ratelimit/client-key';
import { login } from '@nocturnal/core/users/login';
import { rateLimits } from '../clients/rate-limit';
import { usersContext } from '../clients/users';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { throttleLogin } from './login-throttle';
import { loginBody, session } from './schemas';

/** `POST /api/v1/auth/login` → 200 session; 401 INVALID_CREDENTIALS; 403 ACCOUNT_DISABLED; 429 per-email throttle. */
export const handler = route(
  'auth-login',
  async ({ runtime, body, sourceIp }) => {
    const ctx = await usersContext(runtime);
    return reply(session, 200, await throttleLogin(runtime.get(rateLimits), body.email, clientKey({ ip: sourceIp }), () => login(ctx, body)));
  },
  { body: loginBody },
);

