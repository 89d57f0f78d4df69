import { hashRefreshToken } from '../auth/refresh-tokens';
import { AppError } from '../errors';
import { nowOf, type UsersContext } from './context';
import { issueSession, type Session } from './session';

/**
 * Exchanges a refresh token for a new access token and a new refresh token in
 * the same family (rotation). The exchange is one atomic update, so of two
 * concurrent calls with one token exactly one succeeds. Presenting a token
 * that was already exchanged means it was copied: the whole family is revoked
 * (the newest token too) and the call fails with `REFRESH_TOKEN_REUSED`.
 *
 * @example
 * const next = await refresh(ctx, body.refreshToken); // INVALID_REFRESH_TOKEN | REFRESH_TOKEN_REUSED | ACCOUNT_DISABLED
 */
export async function refresh(ctx: UsersContext, refreshToken: string): Promise<Session> {
  const now = nowOf(ctx);
  const hash = hashRefreshToken(refreshToken);
  const record = await ctx.refreshTokens.consume(hash, now);
  if (!record) {
    const known = await ctx.refreshTokens.find(hash);
    if (known?.usedAt && known.expiresAt > now) {
      await ctx.refreshTokens.revokeFamily(known.familyId, now);
      throw new AppError('REFRESH_TOKEN_REUSED', 'This refresh token was already used; its session has been revoked');
    }
    throw new AppError('INVALID_REFRESH_TOKEN');
  }
  const user = await ctx.users.findById(record.userId);
  if (!user) throw new AppError('INVALID_REFRESH_TOKEN');
  if (user.disabled) {
    await ctx.refreshTokens.revokeAllForUser(user.id, now);
    throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  }
  return issueSession(ctx, user, record.familyId);
}
