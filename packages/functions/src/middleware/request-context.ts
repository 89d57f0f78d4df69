import { randomUUID } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '@nocturnal/core/logger';
import { getState, setState } from '../state';

type Request = Parameters<NonNullable<MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>['before']>>[0];

/**
 * First in the chain: picks the request id (API Gateway's, or a new one),
 * binds a child logger to it, echoes it as `X-Request-Id` and writes one
 * access-log line per request.
 */
export function requestContext(opts: { log: Logger; routeId: string }): MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> {
  const finish = (request: Request) => {
    const state = getState(request.event);
    const response = request.response ?? { statusCode: 500 };
    response.headers = { ...response.headers, ...state.responseHeaders, 'x-request-id': state.requestId };
    request.response = response;
    state.log.info('request', {
      method: request.event.requestContext?.http?.method,
      path: request.event.rawPath,
      status: response.statusCode,
      durationMs: Math.round(performance.now() - state.startedAt),
    });
  };
  return {
    before: (request) => {
      const requestId = request.event.requestContext?.requestId || randomUUID();
      setState(request.event, {
        requestId,
        log: opts.log.child({ requestId, route: opts.routeId }),
        startedAt: performance.now(),
        input: {},
        responseHeaders: {},
      });
    },
    after: finish,
    onError: finish,
  };
}
