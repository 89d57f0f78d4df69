import { getProfile } from '@nocturnal/core/users/profile';
import { getUsersContext, warmUserStores } from '../clients/users';
import { json, route } from '../http';
import { requireAuth } from '../middleware/auth';

/** `GET /api/v1/users/me` → 200 user. */
export const handler = route('users-me-get', async ({ auth }) =>
  json(200, await getProfile(await getUsersContext(), requireAuth(auth).userId)),
);

warmUserStores();
