/**
 * `anonymousRoute(id, fn)`: `route()` for rows a rate limit guards but no
 * token (the API reference page, its assets, the OpenAPI document). Its chain
 * is the shared one with the rate limit alone (by address), exactly what
 * `route()` builds for such a row, but its bundle carries no token verifier,
 * no account check and no MongoDB driver (~700 kB with `tr46`).
 *
 * @example
 * export const handler = anonymousRoute('openapi', async () => ({ status: 200, body: document }));
 */
import { buildBaseChain } from './base-chain';
import { rateLimitGuard } from './rate-limit-guard';
import { createRoute } from './route-core';
import { findRoute } from './routes';

const limited = createRoute((def, schemas, runtime) => buildBaseChain(def, schemas, runtime, rateLimitGuard(def, runtime)));

export const anonymousRoute: typeof limited = (id, fn, schemas) => {
  const def = findRoute(id);
  if (def.auth) throw new Error(`route "${def.id}" needs a token: use route()`);
  if (!def.rateLimit) throw new Error(`route "${def.id}" has no rate limit: use publicRoute()`);
  return limited(id, fn, schemas);
};
