import { hashRefreshToken } from '../auth/refresh-tokens';
import { nowOf, type UsersContext } from './context';

/**
 * Revokes the family of a refresh token (this device's session). Idempotent:
 * an unknown or already revoked token is not an error, so logout never tells
 * anyone whether a token was valid. Access tokens already issued stay valid
 * until they expire (they are stateless).
 *
 * @example
 * await logout(ctx, body.refreshToken); // then answer 204
 */
export async function logout(ctx: Pick<UsersContext, 'refreshTokens' | 'now'>, refreshToken: string): Promise<void> {
  const record = await ctx.refreshTokens.find(hashRefreshToken(refreshToken));
  if (record) await ctx.refreshTokens.revokeFamily(record.familyId, nowOf(ctx));
}
