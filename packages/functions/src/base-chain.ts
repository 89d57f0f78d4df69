/**
 * The chain every route shares, in order: request id + logger → security
 * headers → CORS → problem+json errors → JSON body → the route's guards
 * (identify the caller, rate limit, refuse: see chain.ts) → zod validation.
 * It imports no client, so public functions bundle none.
 */
import type { ChainMiddleware } from './request-state';
import type { RouteDef } from './route-types';
import type { Runtime } from './runtime';
import { cors } from './middleware/cors';
import { jsonBody } from './middleware/json-body';
import { problemErrors } from './middleware/problem-errors';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { validate, type InputSchemas } from './middleware/validate';

export function buildBaseChain(def: RouteDef, schemas: InputSchemas, runtime: Runtime, guards: ChainMiddleware[] = []): ChainMiddleware[] {
  const { config, log, metrics } = runtime;
  return [
    ...runtime.middlewares,
    requestContext({ log, metrics, routeId: def.id }),
    securityHeaders(),
    cors({ origins: config.CORS_ORIGINS }),
    problemErrors(),
    jsonBody({ limitBytes: config.BODY_LIMIT_BYTES }),
    ...guards,
    validate(schemas),
  ];
}
