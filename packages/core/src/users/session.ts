import { randomUUID } from 'node:crypto';
import { signAccessToken } from '../auth/sign-access-token';
import { createRefreshToken } from '../auth/refresh-tokens';
import { nowOf, type UsersContext } from './context';
import { toPublicUser, type PublicUser, type User } from './types';

/** What register, login, refresh and a password change answer. */
export interface Session {
  user: PublicUser;
  accessToken: string;
  tokenType: 'Bearer';
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

/**
 * Signs an access token and stores a new refresh token: in a new family
 * (login) or in `familyId` (rotation).
 *
 * @example
 * return issueSession(ctx, user); // after a successful login
 */
export async function issueSession(ctx: UsersContext, user: User, familyId: string = randomUUID()): Promise<Session> {
  const now = nowOf(ctx);
  const { settings } = ctx;
  const access = await signAccessToken(
    ctx.keys,
    { userId: user.id, email: user.email, role: user.role, tokenVersion: user.tokenVersion },
    { issuer: settings.issuer, audience: settings.audience, ttlSeconds: settings.accessTokenTtlSeconds },
    now,
  );
  const refresh = createRefreshToken();
  const expiresAt = new Date(now.getTime() + settings.refreshTokenTtlSeconds * 1000);
  await ctx.refreshTokens.insert({
    hash: refresh.hash,
    userId: user.id,
    familyId,
    createdAt: now,
    expiresAt,
    usedAt: null,
    revokedAt: null,
  });
  return {
    user: toPublicUser(user),
    accessToken: access.token,
    tokenType: 'Bearer',
    expiresIn: access.expiresIn,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: expiresAt.toISOString(),
  };
}
