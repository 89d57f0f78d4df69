/**
 * Powertools' `injectLambdaContext` middy middleware for the chain: before
 * each invocation it hands the Lambda context to the process's Powertools
 * logger, so every line of the invocation carries `cold_start`,
 * `function_name`, `function_arn`, `function_memory_size` and
 * `function_request_id`. It never logs the event, whatever
 * `POWERTOOLS_LOGGER_LOG_EVENT` says: the event holds the caller's token.
 *
 * @example
 * const runtime = createRuntime(config, { log: powertoolsLog(powertools), middlewares: [lambdaContext(powertools)] });
 */
import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ChainMiddleware } from '../request-state';

export function lambdaContext(powertools: PowertoolsLogger): ChainMiddleware {
  const inner = injectLambdaContext(powertools, { logEvent: false });
  // Powertools types its hooks for any middy-like request; ours is the chain's. Nothing is
  // returned: a value returned by a before hook would end the chain as the response.
  return {
    before: function lambdaContextBefore(request) {
      inner.before?.(request as never);
    },
    after: function lambdaContextAfter(request) {
      inner.after?.(request as never);
    },
    onError: function lambdaContextOnError(request) {
      inner.onError?.(request as never);
    },
  };
}
