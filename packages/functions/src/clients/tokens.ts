import { verifyAccessToken } from '@nocturnal/core/auth/verify-access-token';
import type { Runtime } from '../runtime';
import type { AuthContext } from '../request-state';
import { publicKeySet } from './keys';

// The key sets live in keys.ts (the JWKS route needs them without jose); importers of tokens.ts find them here too.
export { keySet, publicKeySet } from './keys';

/** Seconds of clock skew tolerated between the signing and the verifying instance. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** The access-token check the auth middleware runs: our public keys only, pinned issuer and audience, no database call. */
export function tokenVerifier(runtime: Runtime): (token: string) => Promise<AuthContext> {
  const { config } = runtime;
  const set = runtime.get(publicKeySet);
  return async (token) => {
    const { userId, email, role, tokenVersion } = await verifyAccessToken(set, token, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    });
    return { userId, email, role, tokenVersion };
  };
}
