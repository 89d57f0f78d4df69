import type { Clock } from '../clock';
import { jwtVerify, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { AppError } from '../errors';
import type { KeySet } from './keys';
import { isRole, type Role } from './roles';
import { ACCESS_TOKEN_TYPE } from './sign-access-token';

export interface VerifyAccessTokenOptions {
  issuer: string;
  audience: string;
  /** Allowed clock skew between signer and verifier; default 5 s. */
  clockToleranceSeconds?: number;
  /** The verifier's clock (tests freeze it instead of sleeping). */
  now?: Clock;
}

export interface VerifiedAccessToken {
  userId: string;
  email: string;
  role: Role;
  /** The account's token version at signing (`ver`; 0 for tokens signed before it existed). */
  tokenVersion: number;
  jti: string;
  expiresAt: Date;
}

/** Far above any token we sign; stops hostile megabyte-sized headers early. */
const MAX_TOKEN_LENGTH = 8 * 1024;
/** Header members that would let the token choose its own key: never honoured. */
const KEY_CARRYING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

/**
 * Verifies an access token with keys from our own set only, pinning the
 * algorithms of the set, `typ: at+jwt`, issuer and audience. No database call.
 * Every failure (bad signature, unknown `kid`, `alg: none`, a key in the
 * header, expired, `nbf` in the future, malformed claims) throws the same
 * `AppError('INVALID_TOKEN')`; the reason is only in `cause` for the logs.
 *
 * @example
 * const claims = await verifyAccessToken(keys, token, { issuer: 'nocturnal-api', audience: 'nocturnal-api' });
 * claims.userId; // "665f…"
 */
export async function verifyAccessToken(
  keys: KeySet,
  token: string,
  options: VerifyAccessTokenOptions,
): Promise<VerifiedAccessToken> {
  if (token.length > MAX_TOKEN_LENGTH) throw invalidToken('token too long');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, (header) => pickKey(keys, header), {
      algorithms: keys.algorithms,
      issuer: options.issuer,
      audience: options.audience,
      typ: ACCESS_TOKEN_TYPE,
      clockTolerance: options.clockToleranceSeconds ?? 5,
      currentDate: new Date((options.now ?? Date.now)()),
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
    }));
  } catch (error) {
    throw invalidToken(error);
  }
  const { sub, email, role, jti, exp, ver = 0 } = payload as JWTPayload & { email?: unknown; role?: unknown; ver?: unknown };
  if (
    typeof sub !== 'string' ||
    typeof email !== 'string' ||
    !isRole(role) ||
    typeof jti !== 'string' ||
    typeof exp !== 'number' ||
    !Number.isSafeInteger(ver) ||
    (ver as number) < 0
  ) {
    throw invalidToken('malformed claims');
  }
  return { userId: sub, email, role, tokenVersion: ver as number, jti, expiresAt: new Date(exp * 1000) };
}

function pickKey(keys: KeySet, header: JWTHeaderParameters) {
  const carried = KEY_CARRYING_HEADERS.find((name) => name in header);
  if (carried) throw new Error(`header "${carried}" is not accepted`);
  const found = typeof header.kid === 'string' ? keys.verification.get(header.kid) : undefined;
  if (!found) throw new Error('unknown kid');
  if (found.alg !== header.alg) throw new Error('alg does not match the key');
  return found.key;
}

function invalidToken(cause: unknown): AppError {
  return new AppError('INVALID_TOKEN', 'The access token is invalid or expired', { cause });
}
