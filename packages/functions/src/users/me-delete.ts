import { deleteAccount } from '@nocturnal/core/users/delete-account';
import { userStores } from '../clients/users';
import { route } from '../route';
import { requireAuth } from '../middleware/auth';
import { accountCleanups } from './account-cleanups';

/** `DELETE /api/v1/users/me` → 204; the user, its sessions and every cleanup step. */
export const handler = route('users-me-delete', async ({ runtime, auth }) => {
  await deleteAccount(await runtime.get(userStores), requireAuth(auth).userId, accountCleanups(runtime));
  return { status: 204 };
});

