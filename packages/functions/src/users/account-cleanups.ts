import type { AccountCleanup } from '@nocturnal/core/users/delete-account';

/**
 * THE list of what else to erase when an account is deleted, in order, after
 * its refresh tokens and before the user document. Each step is idempotent.
 * Add the user's files here (delete objects, then their records).
 */
export function accountCleanups(): AccountCleanup[] {
  return [];
}
