/**
 * Logs and metrics of a Lambda function: Powertools' Logger behind core's
 * `Logger` (level `LOG_LEVEL`, service {@link METRIC_SERVICE}, `stage` on
 * every line), its Lambda-context middleware first in every chain, and EMF
 * metrics under {@link METRIC_NAMESPACE}. `getRuntime()`'s default uses it;
 * the container and local servers install runtimes of their own.
 *
 * Powertools also reads a few environment variables of its own; on Lambda
 * none is set unless someone sets it: `AWS_LAMBDA_LOG_LEVEL` (Lambda's log
 * level setting) wins over `LOG_LEVEL` except `silent`;
 * `POWERTOOLS_LOGGER_SAMPLE_RATE` turns debug on for that share of
 * invocations; `POWERTOOLS_DEV` pretty-prints logs and turns metrics off;
 * `POWERTOOLS_METRICS_DISABLED` turns metrics off. Our own settings win over
 * `POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_METRICS_NAMESPACE`, `POWERTOOLS_LOG_LEVEL`,
 * and `POWERTOOLS_LOGGER_LOG_EVENT` is ignored (see lambda-context.ts).
 *
 * @example
 * const runtime = createRuntime(config, lambdaObservability(config));
 */
import type { Config } from '@nocturnal/core/config';
import type { Logger } from '@nocturnal/core/logger';
import { METRIC_NAMESPACE, METRIC_SERVICE, type Metrics } from '@nocturnal/core/observability/metrics';
import type { ChainMiddleware } from '../request-state';
import { lambdaContext } from './lambda-context';
import { createPowertoolsLogger, powertoolsLog } from './logger.powertools';
import { createEmfMetrics } from './metrics.emf';

export interface LambdaObservability {
  log: Logger;
  metrics: Metrics;
  middlewares: readonly ChainMiddleware[];
}

export function lambdaObservability(config: Pick<Config, 'LOG_LEVEL' | 'STAGE'>): LambdaObservability {
  const powertools = createPowertoolsLogger({ level: config.LOG_LEVEL, service: METRIC_SERVICE, keys: { stage: config.STAGE } });
  return {
    log: powertoolsLog(powertools, { silent: config.LOG_LEVEL === 'silent' }),
    metrics: createEmfMetrics({ namespace: METRIC_NAMESPACE, service: METRIC_SERVICE, stage: config.STAGE }),
    middlewares: [lambdaContext(powertools)],
  };
}
