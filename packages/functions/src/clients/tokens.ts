import { requireSetting } from '@nocturnal/core/config';
import { loadKeySet, type KeySet } from '@nocturnal/core/auth/keys';
import { verifyAccessToken } from '@nocturnal/core/auth/verify-access-token';
import { getDeps, onClose } from '../deps';
import type { AuthContext } from '../state';

let keys: KeySet | undefined;

/**
 * The process-wide JWT key set, parsed once from `JWT_PRIVATE_JWKS` (first use,
 * normally at cold start) and reused across invocations.
 */
export function getKeySet(): KeySet {
  if (keys) return keys;
  const loaded = loadKeySet(requireSetting(getDeps().config, 'JWT_PRIVATE_JWKS'));
  keys = loaded;
  onClose(() => {
    keys = undefined;
  });
  return loaded;
}

/** Seconds of clock skew tolerated between the signing and the verifying instance. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The access-token check the auth middleware runs: our key set only, pinned
 * issuer and audience, no database call. The key set is parsed here, when the
 * handler module is loaded, so a bad secret fails the cold start.
 */
export function getTokenVerifier(): (token: string) => Promise<AuthContext> {
  const { config } = getDeps();
  const set = getKeySet();
  return async (token) => {
    const { userId, email, role } = await verifyAccessToken(set, token, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    });
    return { userId, email, role };
  };
}
