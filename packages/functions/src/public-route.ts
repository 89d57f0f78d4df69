/**
 * `publicRoute(id, fn)`: `route()` for rows with neither auth nor a rate
 * limit (liveness, readiness, the JWKS, `$default`). Its chain is the shared
 * one without guards, so these functions' bundles carry no token verifier, no
 * account check and no rate-limit client (no MongoDB driver or Upstash client
 * unless the handler itself uses them).
 *
 * @example
 * export const handler = publicRoute('health-live', async () => json(200, { status: 'ok' }));
 */
import { buildBaseChain } from './base-chain';
import { createRoute } from './route-core';
import { findRoute } from './routes';

const unguarded = createRoute(buildBaseChain);

export const publicRoute: typeof unguarded = (id, fn, schemas) => {
  const def = findRoute(id);
  if (def.auth || def.rateLimit) throw new Error(`route "${def.id}" has auth or a rate limit: use route()`);
  return unguarded(id, fn, schemas);
};

export { json } from './route-core';
