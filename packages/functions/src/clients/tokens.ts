import { requireSetting } from '@nocturnal/core/config';
import { loadKeySet } from '@nocturnal/core/auth/keys';
import { verifyAccessToken } from '@nocturnal/core/auth/verify-access-token';
import { defineClient, type Runtime } from '../runtime';
import type { AuthContext } from '../request-state';

/** The JWT key set, parsed once from `JWT_PRIVATE_JWKS`: at init when warmed, so a bad secret fails the cold start. */
export const keySet = defineClient({
  name: 'jwt-keys',
  resource: 'jwt',
  warm: true,
  create: ({ config }) => loadKeySet(requireSetting(config, 'JWT_PRIVATE_JWKS')),
});

/** Seconds of clock skew tolerated between the signing and the verifying instance. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** The access-token check the auth middleware runs: our key set only, pinned issuer and audience, no database call. */
export function tokenVerifier(runtime: Runtime): (token: string) => Promise<AuthContext> {
  const { config } = runtime;
  const set = runtime.get(keySet);
  return async (token) => {
    const { userId, email, role, tokenVersion } = await verifyAccessToken(set, token, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    });
    return { userId, email, role, tokenVersion };
  };
}
