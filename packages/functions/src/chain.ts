/**
 * The shared middy chain, in order: request id + logger → security headers →
 * CORS → problem+json errors → JSON body → identify the caller (token and
 * account state) → rate limit (by user id when identified, else by address)
 * → refuse an unidentified or under-privileged caller → zod validation.
 * (After/onError hooks run in reverse, so the problem mapper's response gets
 * the CORS and security headers and the request id.)
 */
import type { RouteDef } from './route-types';
import type { ChainMiddleware } from './request-state';
import type { Runtime } from './runtime';
import { accountGuard } from './clients/account-guard';
import { RevokedTokenError } from '@nocturnal/core/users/account-guard';
import { tokenVerifier } from './clients/tokens';
import { authenticate, enforceAuth } from './middleware/auth';
import { rateLimitGuard } from './rate-limit-guard';
import type { InputSchemas } from './middleware/validate';
import { buildBaseChain } from './base-chain';

export function buildChain(def: RouteDef, schemas: InputSchemas, runtime: Runtime): ChainMiddleware[] {
  return buildBaseChain(def, schemas, runtime, [
    // Identified before the rate limit, so a verified user is counted per user id; a
    // request without a valid token is counted by its address before its 401.
    ...(def.auth ? [authenticate({ role: def.auth.role, verify: verifierFor(def, runtime), deferred: true })] : []),
    ...rateLimitGuard(def, runtime),
    ...(def.auth ? [enforceAuth({ role: def.auth.role })] : []),
  ]);
}

/**
 * A token speaks for its account only while the account is as it was when the
 * token was signed (revocation): checked through the per-instance cache, and
 * without it on admin routes, which fail closed.
 */
function verifierFor(def: RouteDef, runtime: Runtime) {
  const verifyToken = tokenVerifier(runtime);
  const fresh = def.auth !== false && def.auth.role === 'admin';
  return async (token: string) => {
    const auth = await verifyToken(token);
    try {
      await runtime.get(accountGuard).assertCurrent(auth, { fresh });
    } catch (error) {
      if (error instanceof RevokedTokenError) runtime.metrics.revocationRefused(error.revocation);
      throw error;
    }
    return auth;
  };
}
