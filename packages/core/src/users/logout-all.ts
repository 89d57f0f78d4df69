import { loadActiveUser } from './active-user';
import { nowOf, type UsersContext } from './context';

/**
 * Log out everywhere: revokes every refresh token of the user and raises its
 * token version, so every access token issued so far stops working too
 * (within the revocation bound), on every device.
 *
 * @example
 * await logoutAll(ctx, auth.userId); // then answer 204
 */
export async function logoutAll(ctx: Pick<UsersContext, 'users' | 'refreshTokens' | 'now'>, userId: string): Promise<void> {
  await loadActiveUser(ctx, userId);
  const now = nowOf(ctx);
  await ctx.users.update(userId, {}, now, { revokeTokens: true });
  await ctx.refreshTokens.revokeAllForUser(userId, now);
}
