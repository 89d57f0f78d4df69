import { deleteAccount } from '@nocturnal/core/users/delete-account';
import { getUsersContext, warmUserStores } from '../clients/users';
import { route } from '../http';
import { requireAuth } from '../middleware/auth';
import { accountCleanups } from './account-cleanups';

/** `DELETE /api/v1/users/me` → 204; the user, its sessions and every cleanup step. */
export const handler = route('users-me-delete', async ({ auth }) => {
  await deleteAccount(await getUsersContext(), requireAuth(auth).userId, accountCleanups());
  return { status: 204 };
});

warmUserStores();
