import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric, SearchExpression } from 'aws-cdk-lib/aws-cloudwatch';
import { METRIC_NAMESPACE, METRIC_SERVICE, METRICS, type MetricLabel, type MetricName } from '../../packages/core/src/observability/metrics';

/**
 * The app's own metrics (the EMF lines the functions print), as CloudWatch
 * reads them. Every name comes from the catalogue. The adapter publishes each
 * per-request metric under two dimension sets, `{service, stage, route}` and
 * `{service, stage}`; the API-wide series is the second.
 */
export interface AppMetricOptions {
  statistic: string;
  periodMinutes: number;
  label?: string;
}

/**
 * The API-wide series of `name` (dimensions `service` and `stage` only).
 *
 * @example
 * appMetric('prod', 'latency', { statistic: 'p99', periodMinutes: 5 }); // Nocturnal/Latency {service, stage}
 */
export function appMetric(stage: string, name: MetricName, { statistic, periodMinutes, label }: AppMetricOptions): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: METRICS[name].cloudwatch,
    dimensionsMap: { service: METRIC_SERVICE, stage },
    statistic,
    period: Duration.minutes(periodMinutes),
    ...(label ? { label } : {}),
  });
}

/**
 * The API's 5xx rate in percent: 100 × ServerErrors / Requests, both summed per period.
 *
 * @example
 * serverErrorRate('prod', 5); // what the ServerErrorRate alarm compares with its threshold
 */
export function serverErrorRate(stage: string, periodMinutes: number, label = '5xx rate (%)'): MathExpression {
  const sum = { statistic: 'Sum', periodMinutes };
  return new MathExpression({
    // A period with requests and no ServerErrors datapoint is 0 %, not missing.
    expression: '100 * FILL(errors, 0) / requests',
    usingMetrics: { errors: appMetric(stage, 'serverErrors', sum), requests: appMetric(stage, 'requests', sum) },
    period: Duration.minutes(periodMinutes),
    label,
  });
}

/**
 * One series per value of `name`'s label (a route, a policy, a reason), found
 * by a CloudWatch SEARCH, so a new route or policy shows without a redeploy.
 * For dashboards only: alarms cannot use SEARCH.
 *
 * @example
 * appMetricsBy('prod', 'rateLimited', 'policy', { statistic: 'Sum', periodMinutes: 5 }); // one line per policy
 */
export function appMetricsBy(stage: string, name: MetricName, label: MetricLabel, { statistic, periodMinutes }: AppMetricOptions): SearchExpression {
  const def = METRICS[name];
  if (!(def.labels as readonly MetricLabel[]).includes(label)) throw new Error(`${def.cloudwatch} has no ${label} dimension`);
  const schema = [METRIC_NAMESPACE, ...[label, 'service', 'stage'].sort()].join(',');
  const period = periodMinutes * 60;
  return new SearchExpression({
    expression: `SEARCH('{${schema}} MetricName="${def.cloudwatch}" service="${METRIC_SERVICE}" stage="${stage}"', '${statistic}', ${period})`,
    period: Duration.minutes(periodMinutes),
    // Each series is then labelled by its dimension values alone (the route, policy or reason).
    label: '',
  });
}
