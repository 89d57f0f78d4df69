import { loadActiveUser } from './active-user';
import { nowOf, type UsersContext } from './context';

/**
 * One thing to erase when an account is deleted. Steps must be idempotent: a
 * failed deletion leaves the user in place and can simply be retried.
 */
export interface AccountCleanup {
  name: string;
  run(userId: string): Promise<void>;
}

/**
 * Deletes the caller's account: first its access tokens are taken back (the
 * token version is raised, so no request can add files while the account is
 * being erased) and its refresh tokens deleted, then each extra cleanup step in order (the composition root passes
 * them, e.g. the user's files), and the user document last.
 *
 * @example
 * await deleteAccount(ctx, auth.userId, [{ name: 'files', run: (id) => deleteUserFiles(files, id) }]);
 */
export async function deleteAccount(
  ctx: Pick<UsersContext, 'users' | 'refreshTokens' | 'now'>,
  userId: string,
  cleanups: readonly AccountCleanup[] = [],
): Promise<void> {
  await loadActiveUser(ctx, userId);
  await ctx.users.update(userId, {}, nowOf(ctx), { revokeTokens: true });
  const steps: AccountCleanup[] = [
    { name: 'refresh-tokens', run: (id) => ctx.refreshTokens.deleteAllForUser(id) },
    ...cleanups,
  ];
  for (const step of steps) await step.run(userId);
  await ctx.users.delete(userId);
}
