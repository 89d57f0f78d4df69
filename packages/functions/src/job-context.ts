/**
 * A job's invocation inside the runtime's platform middlewares, run by middy
 * as a route's chain is: on Lambda, Powertools' Lambda context, so the job's
 * log lines carry `function_name`, `function_request_id` and `cold_start`
 * like a route's. Without a context (a test calling the handler), or without
 * platform middlewares (servers), `fn` runs as it is.
 *
 * @example
 * export const handler = (event: S3Event, context: Context) => withPlatformContext(getRuntime(), event, context, () => run(event));
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Runtime } from './runtime';

export function withPlatformContext<T>(runtime: Runtime, event: unknown, context: Context | undefined, fn: () => Promise<T>): Promise<T> {
  if (!context || runtime.middlewares.length === 0) return fn();
  // Timeouts belong to the platform, as in route-core.ts.
  // The platform middlewares are typed for the route chain's events; they read only the context.
  const run = middy<unknown, T, Error, Context>(fn, { timeoutEarlyInMillis: 0 }).use(runtime.middlewares as unknown as Array<MiddlewareObj<unknown, T, Error, Context>>);
  return run(event, context);
}
