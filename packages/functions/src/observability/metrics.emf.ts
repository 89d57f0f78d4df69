/**
 * Core's {@link Metrics} in CloudWatch embedded metric format, written by
 * Powertools for AWS Lambda's Metrics: CloudWatch turns each JSON line of
 * the function's log into metrics, with no API call from the function.
 *
 * Per request, what the invocation recorded goes out in ONE line at
 * `flush()` (the request-context middleware calls it last): `Requests` = 1,
 * `ClientErrors` and `ServerErrors` 0 or 1 (always both, so their Average is
 * the error rate), `Latency` in ms, and when recorded `ColdStarts` = 1,
 * `LimiterDegraded` and `StrictMode` 0 or 1; under two dimension sets,
 * [service, stage, route] and [service, stage], so the whole API and each
 * route read from the same line. A 429 (`RateLimited`, by `policy`) and a
 * revocation refusal (`RevocationRefusals`, by `reason`) each get a line of
 * their own with [service, stage, policy|reason]. Names and units come from
 * {@link METRICS}; dimensions are a route id, a policy or a reason, never a
 * user id or an address.
 *
 * Powertools keeps what is recorded per invocation (per concurrent
 * invocation where Lambda runs several in one process), so this adapter
 * holds no state of its own.
 *
 * @example
 * const metrics = createEmfMetrics({ namespace: METRIC_NAMESPACE, service: METRIC_SERVICE, stage: 'prod' });
 * metrics.request('users-me-get', 200, 12.5);
 * metrics.flush();
 * // {"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":"Nocturnal","Dimensions":[["service","stage","route"],["service","stage"]],"Metrics":[…]}]},"service":"nocturnal-api","stage":"prod","route":"users-me-get","Requests":1,"ClientErrors":0,"ServerErrors":0,"Latency":12.5}
 */
import { Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import { METRICS, type MetricDef, type Metrics } from '@nocturnal/core/observability/metrics';

export function createEmfMetrics(opts: { namespace: string; service: string; stage: string }): Metrics {
  const options = { namespace: opts.namespace, serviceName: opts.service, defaultDimensions: { stage: opts.stage } };
  const line = new PowertoolsMetrics(options);
  // Publishes each metric as it is added, under the dimension added just before it.
  const single = new PowertoolsMetrics({ ...options, singleMetric: true });
  const add = (to: PowertoolsMetrics, def: MetricDef, value: number) => to.addMetric(def.cloudwatch, def.unit, value);
  const flag = (on: boolean) => (on ? 1 : 0);
  return {
    request(route, status, durationMs) {
      // The route's set, then an empty set: the defaults alone ([service, stage]).
      line.addDimension('route', route);
      line.addDimensions({});
      add(line, METRICS.requests, 1);
      add(line, METRICS.clientErrors, flag(status >= 400 && status < 500));
      add(line, METRICS.serverErrors, flag(status >= 500));
      add(line, METRICS.latency, Math.round(durationMs * 1000) / 1000);
    },
    rateLimited(policy) {
      add(single.addDimension('policy', policy), METRICS.rateLimited, 1);
    },
    coldStart() {
      // The route dimension comes with the request's own record, on the same line.
      add(line, METRICS.coldStarts, 1);
    },
    limiterState({ degraded, strict }) {
      add(line, METRICS.limiterDegraded, flag(degraded));
      add(line, METRICS.strictMode, flag(strict));
    },
    revocationRefused(reason) {
      add(single.addDimension('reason', reason), METRICS.revocationRefusals, 1);
    },
    flush() {
      // Powertools warns on stderr when asked to publish nothing: nothing to publish, nothing asked.
      if (line.hasStoredMetrics()) line.publishStoredMetrics();
      else line.clearDimensions();
    },
  };
}
