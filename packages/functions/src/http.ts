/**
 * `route(id, fn)`: wraps a handler function in the shared middy stack for the
 * route table row `id`. Handlers stay a few lines: read the input, call one
 * core function, shape the response.
 *
 * @example
 * export const handler = route('health-live', async () => json(200, { status: 'ok' }));
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ZodType, output } from 'zod';
import { ensureResources, getDeps, type Deps } from './deps';
import type { InputSchemas } from './middleware/validate';
import { resourcesOf, type RouteDef } from './route-types';
import { routes } from './routes';
import { buildStack } from './stack';
import { getState, sourceIp, type AuthContext } from './state';
import type { Logger } from '@nocturnal/core/logger';

export interface RouteResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

type Out<S> = S extends ZodType ? output<S> : undefined;

export interface RouteRequest<S extends InputSchemas> {
  event: APIGatewayProxyEventV2;
  context: Context;
  deps: Deps;
  log: Logger;
  requestId: string;
  /** Present on routes that require auth. */
  auth: AuthContext | undefined;
  sourceIp: string;
  body: Out<S['body']>;
  query: Out<S['query']>;
  params: Out<S['params']>;
}

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function findRoute(id: string): RouteDef {
  const def = routes.find((r) => r.id === id);
  if (!def) throw new Error(`route "${id}" is not in the route table`);
  return def;
}

export function route<S extends InputSchemas = Record<never, never>>(
  id: string,
  fn: (req: RouteRequest<S>) => Promise<RouteResponse>,
  schemas?: S,
): LambdaHandler {
  const def = findRoute(id);
  ensureResources(resourcesOf(def));
  const deps = getDeps();
  const base = async (event: APIGatewayProxyEventV2, context: Context) => {
    const state = getState(event);
    const result = await fn({
      event,
      context,
      deps,
      log: state.log,
      requestId: state.requestId,
      auth: state.auth,
      sourceIp: sourceIp(event),
      body: state.input.body as Out<S['body']>,
      query: state.input.query as Out<S['query']>,
      params: state.input.params as Out<S['params']>,
    });
    return toResult(result);
  };
  // Timeouts belong to the platform (Lambda, or the gateway emulating it).
  return middy(base, { timeoutEarlyInMillis: 0 }).use(buildStack(def, schemas ?? {}, deps)) as unknown as LambdaHandler;
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): RouteResponse {
  return { status, body, headers };
}

export function toResult(res: RouteResponse): APIGatewayProxyStructuredResultV2 {
  const status = res.status ?? 200;
  const headers: Record<string, string> = { ...res.headers };
  const result: APIGatewayProxyStructuredResultV2 = { statusCode: status, headers };
  if (res.body !== undefined && status !== 204) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    result.body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  }
  if (res.cookies?.length) result.cookies = res.cookies;
  return result;
}
