import { getProfile } from '@nocturnal/core/users/profile';
import { userStores } from '../clients/users';
import { json, route } from '../route';
import { requireAuth } from '../middleware/auth';

/** `GET /api/v1/users/me` → 200 user. */
export const handler = route('users-me-get', async ({ runtime, auth }) =>
  json(200, await getProfile(await runtime.get(userStores), requireAuth(auth).userId)),
);

