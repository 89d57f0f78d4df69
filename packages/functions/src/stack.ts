/**
 * The shared middy chain, in order: request id + logger → security headers →
 * CORS → problem+json errors → JSON body → auth → rate limit → zod validation.
 * (After/onError hooks run in reverse, so the problem mapper's response gets
 * the CORS and security headers and the request id.)
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Deps } from './deps';
import type { RouteDef } from './route-types';
import { getTokenVerifier } from './clients/tokens';
import { authenticate } from './middleware/auth';
import { cors } from './middleware/cors';
import { jsonBody } from './middleware/json-body';
import { rateLimit } from './middleware/rate-limit';
import { getRateLimits } from './clients/rate-limit';
import { problemErrors } from './middleware/problem-errors';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { validate, type InputSchemas } from './middleware/validate';

export function buildStack(
  def: RouteDef,
  schemas: InputSchemas,
  deps: Deps,
): Array<MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>> {
  const { config, log } = deps;
  return [
    requestContext({ log, routeId: def.id }),
    securityHeaders(),
    cors({ origins: config.CORS_ORIGINS }),
    problemErrors(),
    jsonBody({ limitBytes: config.BODY_LIMIT_BYTES }),
    // Auth before the rate limit, so a verified user is counted per user id.
    ...(def.auth ? [authenticate({ role: def.auth.role, verify: getTokenVerifier() })] : []),
    ...(def.rateLimit ? [rateLimit({ policy: def.rateLimit, service: getRateLimits })] : []),
    validate(schemas),
  ];
}
