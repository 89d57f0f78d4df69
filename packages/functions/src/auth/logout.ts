import { logout } from '@nocturnal/core/users/logout';
import { userStores } from '../clients/users';
import { route } from '../route';
import { refreshBody } from './schemas';

/** `POST /api/v1/auth/logout` → 204, whether or not the token was still valid. */
export const handler = route(
  'auth-logout',
  async ({ runtime, body }) => {
    await logout(await runtime.get(userStores), body.refreshToken);
    return { status: 204 };
  },
  { body: refreshBody },
);

