/**
 * The shared middy chain, in order: request id + logger → security headers →
 * CORS → problem+json errors → JSON body → auth → rate limit → zod validation.
 * (After/onError hooks run in reverse, so the problem mapper's response gets
 * the CORS and security headers and the request id.)
 */
import type { RouteDef } from './route-types';
import type { ChainMiddleware } from './request-state';
import type { Runtime } from './runtime';
import { rateLimits } from './clients/rate-limit';
import { tokenVerifier } from './clients/tokens';
import { authenticate } from './middleware/auth';
import { cors } from './middleware/cors';
import { jsonBody } from './middleware/json-body';
import { rateLimit } from './middleware/rate-limit';
import { problemErrors } from './middleware/problem-errors';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { validate, type InputSchemas } from './middleware/validate';

export function buildChain(def: RouteDef, schemas: InputSchemas, runtime: Runtime): ChainMiddleware[] {
  const { config, log } = runtime;
  return [
    requestContext({ log, routeId: def.id }),
    securityHeaders(),
    cors({ origins: config.CORS_ORIGINS }),
    problemErrors(),
    jsonBody({ limitBytes: config.BODY_LIMIT_BYTES }),
    // Auth before the rate limit, so a verified user is counted per user id.
    ...(def.auth ? [authenticate({ role: def.auth.role, verify: tokenVerifier(runtime) })] : []),
    ...(def.rateLimit ? [rateLimit({ policy: def.rateLimit, service: () => runtime.get(rateLimits) })] : []),
    validate(schemas),
  ];
}
