import { updateProfile } from '@nocturnal/core/users/profile';
import { profileBody, publicUser } from '../auth/schemas';
import { userStores } from '../clients/users';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { requireAuth } from '../middleware/auth';

/** `PATCH /api/v1/users/me` `{name}` → 200 user (`null` clears the name). */
export const handler = route(
  'users-me-patch',
  async ({ runtime, auth, body }) => reply(publicUser, 200, await updateProfile(await runtime.get(userStores), requireAuth(auth).userId, body)),
  { body: profileBody },
);

