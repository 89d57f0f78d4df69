import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src';

/** The public keys (current and previous) for other services that verify our tokens. */
export const jwksRoute: RouteDef = {
  id: 'jwks',
  method: 'GET',
  path: '/.well-known/jwks.json',
  handler: `${dir}/system/jwks.handler`,
  auth: false,
  rateLimit: null,
  resources: ['jwks'],
  timeoutSeconds: 3,
  memoryMB: 256,
};

/** Unknown routes and CORS preflights: answered as problem+json in every runtime. */
export const fallbackRoute: RouteDef = {
  id: 'fallback',
  method: 'ANY',
  path: '$default',
  handler: `${dir}/system/fallback.handler`,
  auth: false,
  rateLimit: null,
  resources: [],
  timeoutSeconds: 3,
  memoryMB: 256,
};
