import { isAppError } from '@nocturnal/core/errors';
import { problemResponse } from '../problem';
import { stateOf, type ChainMiddleware } from '../request-state';

/** Turns any error into `application/problem+json`; logs the ones that are ours to fix. */
export function problemErrors(): ChainMiddleware {
  return {
    onError: function problemErrorsOnError(request) {
      const state = stateOf(request);
      const { response, internal } = problemResponse(request.error, state.requestId);
      if (internal) state.log.error('unhandled error', { error: request.error });
      else if (isAppError(request.error)) state.log.debug('request failed', { code: request.error.code });
      request.response = response;
    },
  };
}
