import { getProfile } from '@nocturnal/core/users/profile';
import { userStores } from '../clients/users';
import { publicUser } from '../auth/schemas';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { requireAuth } from '../middleware/auth';

/** `GET /api/v1/users/me` → 200 user. */
export const handler = route('users-me-get', async ({ runtime, auth }) =>
  reply(publicUser, 200, await getProfile(await runtime.get(userStores), requireAuth(auth).userId)),
);

