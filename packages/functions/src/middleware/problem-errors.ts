import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isAppError } from '@nocturnal/core/errors';
import { problemResponse } from '../problem';
import { getState } from '../state';

/** Turns any error into `application/problem+json`; logs the ones that are ours to fix. */
export function problemErrors(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const state = getState(request.event);
      const { response, internal } = problemResponse(request.error, state.requestId);
      if (internal) state.log.error('unhandled error', { error: request.error });
      else if (isAppError(request.error)) state.log.debug('request failed', { code: request.error.code });
      request.response = response;
    },
  };
}
