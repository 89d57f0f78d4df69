/**
 * The rate-limit step of a chain, from the row's policy: keyed by the
 * verified user when an earlier guard identified one, else by the address.
 * Shared by `route()` (chain.ts) and `anonymousRoute()`, so the limit a row
 * declares is applied the same way whichever builder wraps it.
 *
 * @example
 * buildBaseChain(def, schemas, runtime, rateLimitGuard(def, runtime));
 */
import { rateLimits } from './clients/rate-limit';
import { rateLimit } from './middleware/rate-limit';
import type { ChainMiddleware } from './request-state';
import type { RouteDef } from './route-types';
import type { Runtime } from './runtime';

export function rateLimitGuard(def: RouteDef, runtime: Runtime): ChainMiddleware[] {
  return def.rateLimit ? [rateLimit({ policy: def.rateLimit, service: () => runtime.get(rateLimits), metrics: runtime.metrics })] : [];
}
