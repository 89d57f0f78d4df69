/**
 * `route(id, fn)`: wraps a handler function in the shared middy chain for the
 * route table row `id` (token and account check, rate limit, validation).
 * Handlers stay a few lines: read the input, call one core function, shape
 * the response. Rows with neither auth nor a rate limit use `publicRoute()`;
 * rows with a rate limit but no auth, `anonymousRoute()`.
 *
 * @example
 * export const handler = route('users-me-get', async ({ runtime, auth }) => json(200, await getProfile(…)));
 */
import { buildChain } from './chain';
import { createRoute } from './route-core';

export const route = createRoute(buildChain);

export { json, toResult, type LambdaHandler, type RouteRequest, type RouteResponse } from './route-core';
