import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { KeySet } from './keys';
import type { Role } from './roles';

/** The `typ` header of our access tokens (RFC 9068); verification requires it. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Who the token speaks for. */
export interface AccessTokenSubject {
  userId: string;
  email: string;
  role: Role;
  /** The account's `tokenVersion` at signing (default 0): raising it takes the token back. */
  tokenVersion?: number;
}

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface SignedAccessToken {
  token: string;
  /** Lifetime in seconds, as OAuth's `expires_in`. */
  expiresIn: number;
  expiresAt: Date;
}

/**
 * Signs an access token with the first key of the set: header `alg`, `kid`,
 * `typ: at+jwt`; claims `sub`, `email`, `role`, `ver` (the token version), `iss`, `aud`, `iat`, `exp`, `jti`.
 * `now` is injectable so tests can mint tokens in the past.
 *
 * @example
 * const { token, expiresIn } = await signAccessToken(keys, { userId, email, role: 'user' },
 *   { issuer: 'nocturnal-api', audience: 'nocturnal-api', ttlSeconds: 900 });
 */
export async function signAccessToken(
  keys: KeySet,
  subject: AccessTokenSubject,
  settings: AccessTokenSettings,
  now: Date = new Date(),
): Promise<SignedAccessToken> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + settings.ttlSeconds;
  const token = await new SignJWT({ email: subject.email, role: subject.role, ver: subject.tokenVersion ?? 0 })
    .setProtectedHeader({ alg: keys.signing.alg, kid: keys.signing.kid, typ: ACCESS_TOKEN_TYPE })
    .setSubject(subject.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(keys.signing.key);
  return { token, expiresIn: settings.ttlSeconds, expiresAt: new Date(exp * 1000) };
}
