import { logoutAll } from '@nocturnal/core/users/logout-all';
import { userStores } from '../clients/users';
import { requireAuth } from '../middleware/auth';
import { route } from '../route';

/** `POST /api/v1/auth/logout-all` → 204: every session and every access token of the caller is revoked. */
export const handler = route('auth-logout-all', async ({ runtime, auth }) => {
  await logoutAll(await runtime.get(userStores), requireAuth(auth).userId);
  return { status: 204 };
});
