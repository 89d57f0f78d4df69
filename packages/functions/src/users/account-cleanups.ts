import { deleteUserFiles } from '@nocturnal/core/files/delete-file';
import type { AccountCleanup } from '@nocturnal/core/users/delete-account';
import { filesContext } from '../clients/files';
import type { Runtime } from '../runtime';

/**
 * THE list of what else to erase when an account is deleted, in order, after
 * its refresh tokens and before the user document. Each step is idempotent.
 * The user's files: each object, then its record (needs the route's
 * `bucket` resource with `s3:DeleteObject`).
 */
export function accountCleanups(runtime: Runtime): AccountCleanup[] {
  return [
    {
      name: 'files',
      run: async (userId) => {
        await deleteUserFiles(await runtime.get(filesContext), userId);
      },
    },
  ];
}
