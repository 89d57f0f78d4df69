/**
 * What `route()` and `publicRoute()` share: a handler function wrapped in a
 * middy chain for a row of the route table, built for the process's runtime
 * when the module loads (so a missing setting fails the cold start and the
 * row's resources are warmed during init), and again only if a new runtime is
 * installed. It imports no client: the chain comes from `chainFor`, so a
 * public function's bundle holds no token verifier, account check or
 * rate-limit client.
 *
 * @example
 * export const publicRoute = createRoute((def, schemas, runtime) => buildBaseChain(def, schemas, runtime));
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ZodType, output } from 'zod';
import type { Logger } from '@nocturnal/core/logger';
import type { InputSchemas } from './middleware/validate';
import { sourceIp, stateOf, type AuthContext, type ChainContext, type ChainMiddleware } from './request-state';
import { resourcesOf, type RouteDef } from './route-types';
import { findRoute } from './routes';
import { withDeclaredResources } from './resource-scope';
import { getRuntime, type Runtime } from './runtime';

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
  runtime: Runtime;
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

export type ChainFor = (def: RouteDef, schemas: InputSchemas, runtime: Runtime) => ChainMiddleware[];

/** A `route(id, fn, schemas?)` whose chains come from `chainFor`. */
export function createRoute(chainFor: ChainFor) {
  return function routeOf<S extends InputSchemas = Record<never, never>>(
    id: string,
    fn: (req: RouteRequest<S>) => Promise<RouteResponse>,
    schemas?: S,
  ): LambdaHandler {
    const def = findRoute(id);
    const resources = resourcesOf(def);
    let built: { runtime: Runtime; handler: LambdaHandler } | undefined;
    const build = (runtime: Runtime): LambdaHandler => {
      runtime.require(resources);
      runtime.warm(resources);
      const base = async (event: APIGatewayProxyEventV2, context: ChainContext) => {
        const state = stateOf({ context });
        const result = await fn({
          event,
          context,
          runtime,
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
      const handler = middy(base, { timeoutEarlyInMillis: 0 }).use(chainFor(def, schemas ?? {}, runtime)) as unknown as LambdaHandler;
      built = { runtime, handler };
      return handler;
    };
    build(getRuntime());
    // The first request of each runtime is a cold start (on Lambda, one runtime per instance).
    let served: Runtime | undefined;
    return (event, context) => {
      const runtime = getRuntime();
      const handler = built?.runtime === runtime ? built.handler : build(runtime);
      if (served !== runtime) {
        served = runtime;
        runtime.metrics.coldStart(def.id);
      }
      return withDeclaredResources(def.id, resources, () => handler(event, context));
    };
  };
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
