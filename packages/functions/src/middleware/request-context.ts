import { randomUUID } from 'node:crypto';
import type { Logger } from '@nocturnal/core/logger';
import type { Metrics } from '@nocturnal/core/observability/metrics';
import { HttpError } from '../errors';
import { setState, stateOf, type ChainMiddleware, type ChainRequest } from '../request-state';

/**
 * First in the chain: picks the request id (API Gateway's, or a new one),
 * binds a child logger to it, echoes it as `X-Request-Id` and writes one
 * access-log line per request. It also records the request's metrics (count,
 * class, latency; a 429's policy) and publishes what the invocation recorded.
 */
export function requestContext(opts: { log: Logger; metrics: Metrics; routeId: string }): ChainMiddleware {
  const requestContextFinish = (request: ChainRequest) => {
    const state = stateOf(request);
    const response = request.response ?? { statusCode: 500 };
    // The response's own headers win: a 429 from the login throttle names its own policy.
    response.headers = { ...state.responseHeaders, ...response.headers, 'x-request-id': state.requestId };
    request.response = response;
    const durationMs = performance.now() - state.startedAt;
    state.log.info('request', {
      method: request.event.requestContext?.http?.method,
      path: request.event.rawPath,
      status: response.statusCode,
      durationMs: Math.round(durationMs),
    });
    const { metrics } = opts;
    const status = response.statusCode ?? 500;
    if (status === 429) {
      const policy = request.error instanceof HttpError ? request.error.extensions.policy : undefined;
      metrics.rateLimited(typeof policy === 'string' ? policy : 'unknown');
    }
    metrics.request(opts.routeId, status, durationMs);
    metrics.flush();
  };
  return {
    before: function requestContextBefore(request) {
      const requestId = request.event.requestContext?.requestId || randomUUID();
      setState(request, {
        requestId,
        log: opts.log.child({ requestId, route: opts.routeId }),
        startedAt: performance.now(),
        input: {},
        responseHeaders: {},
      });
    },
    after: requestContextFinish,
    onError: requestContextFinish,
  };
}
