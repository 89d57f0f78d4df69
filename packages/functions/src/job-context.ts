/**
 * A job's invocation inside the runtime's platform middlewares, as the route
 * chain runs a route's: on Lambda, Powertools' Lambda context, so the job's
 * log lines carry `function_name`, `function_request_id` and `cold_start`
 * like a route's. Without a context (a test calling the handler), or without
 * platform middlewares (servers), `fn` runs as it is.
 *
 * @example
 * export const handler = (event: S3Event, context: Context) => withPlatformContext(getRuntime(), event, context, () => run(event));
 */
import type { Context } from 'aws-lambda';
import type { ChainRequest } from './request-state';
import type { Runtime } from './runtime';

export async function withPlatformContext<T>(runtime: Runtime, event: unknown, context: Context | undefined, fn: () => Promise<T>): Promise<T> {
  if (!context || runtime.middlewares.length === 0) return fn();
  // The shape middy hands its middlewares; a job has no response of its own to shape.
  const request = { event, context, response: undefined, error: undefined, internal: {} } as unknown as ChainRequest;
  const reversed = [...runtime.middlewares].reverse();
  for (const m of runtime.middlewares) await m.before?.(request);
  try {
    const result = await fn();
    for (const m of reversed) await m.after?.(request);
    return result;
  } catch (error) {
    request.error = error as Error;
    for (const m of reversed) await m.onError?.(request);
    throw error;
  }
}
