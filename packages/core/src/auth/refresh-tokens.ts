import { createHash, randomBytes } from 'node:crypto';

/** Refresh tokens are opaque: 256 random bits, base64url (43 characters). */
export interface NewRefreshToken {
  /** Handed to the client once; never stored. */
  token: string;
  /** What the database keeps. */
  hash: string;
}

/**
 * Creates an opaque refresh token and the SHA-256 hash to store. A stolen
 * database copy therefore holds no usable token; SHA-256 (not scrypt) is
 * enough because the token has 256 bits of entropy.
 *
 * @example
 * const { token, hash } = createRefreshToken();
 * hashRefreshToken(token) === hash; // true
 */
export function createRefreshToken(): NewRefreshToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/**
 * The lookup key of a refresh token presented by a client.
 *
 * @example
 * const record = await refreshTokens.find(hashRefreshToken(body.refreshToken));
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
