import { logout } from '@nocturnal/core/users/logout';
import { getUserStores, warmUserStores } from '../clients/users';
import { route } from '../http';
import { refreshBody } from './schemas';

/** `POST /api/v1/auth/logout` → 204, whether or not the token was still valid. */
export const handler = route(
  'auth-logout',
  async ({ body }) => {
    await logout(await getUserStores(), body.refreshToken);
    return { status: 204 };
  },
  { body: refreshBody },
);

warmUserStores();
