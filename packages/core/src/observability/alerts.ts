/**
 * THE alert table: each alert once, with its default threshold and the deploy
 * setting that overrides it. The Monitoring stack turns every row into a
 * CloudWatch alarm (stacks/Monitoring.ts); the Prometheus rules file for
 * containers is rendered from the same rows (`promql`), so both runtimes
 * alert on the same conditions with the same thresholds.
 *
 * @example
 * const t = alertThreshold(findAlert('LatencyP99'), process.env); // 1000 unless ALARM_P99_LATENCY_MS is set
 */
import { METRICS } from './metrics';

export type AlertId = 'ServerErrorRate' | 'LatencyP99' | 'FunctionErrors' | 'FunctionThrottles' | 'LimiterDegraded' | 'StrictMode';

export interface AlertDef {
  id: AlertId;
  /** The deploy setting (environment of `sst deploy`) that overrides {@link threshold}. */
  setting: string;
  /** Default threshold, in {@link unit}. The alert fires when the value is ≥ the threshold. */
  threshold: number;
  unit: 'percent' | 'ms' | 'count' | 'minutes';
  /** Minutes per evaluation window. */
  periodMinutes: number;
  summary: string;
  /**
   * The container rule's PromQL for a threshold (Prometheus alerts when the
   * expression returns a series); `for` is {@link forMinutes}.
   */
  promql(threshold: number): string;
  /** Minutes the condition must hold in Prometheus before it fires (`for`). */
  forMinutes(threshold: number): number;
}

const m = METRICS;
const window = '5m';

export const ALERTS: readonly AlertDef[] = [
  {
    id: 'ServerErrorRate',
    setting: 'ALARM_5XX_RATE_PERCENT',
    threshold: 1,
    unit: 'percent',
    periodMinutes: 5,
    summary: 'More than the threshold of requests (in percent) answered 5xx over 5 minutes',
    promql: (t) =>
      `100 * sum(rate(${m.serverErrors.prometheus}[${window}])) / sum(rate(${m.requests.prometheus}[${window}])) >= ${t}`,
    forMinutes: () => 0,
  },
  {
    id: 'LatencyP99',
    setting: 'ALARM_P99_LATENCY_MS',
    threshold: 1000,
    unit: 'ms',
    periodMinutes: 5,
    summary: 'The 99th percentile of request latency over 5 minutes at or above the threshold (ms)',
    promql: (t) =>
      `1000 * histogram_quantile(0.99, sum by (le) (rate(${m.latency.prometheus}_bucket[${window}]))) >= ${t}`,
    forMinutes: () => 0,
  },
  {
    id: 'FunctionErrors',
    setting: 'ALARM_FUNCTION_ERRORS',
    threshold: 1,
    unit: 'count',
    periodMinutes: 5,
    summary:
      'Lambda: invocations that failed (crash, timeout, init error) in 5 minutes, for any function. Containers: an instance that stops answering scrapes',
    // A container has no invocation errors: what Lambda counts as one (a crash, a hung process) shows as a failed scrape.
    promql: () => `up{job="nocturnal-api"} == 0`,
    forMinutes: () => 1,
  },
  {
    id: 'FunctionThrottles',
    setting: 'ALARM_FUNCTION_THROTTLES',
    threshold: 1,
    unit: 'count',
    periodMinutes: 5,
    summary:
      'Lambda: invocations throttled (concurrency exhausted) in 5 minutes, for any function. Containers: an event loop lagging 500 ms or more at p99 (requests queue)',
    // A container is never throttled: it queues. Event-loop lag is what a saturated instance shows.
    promql: () => `max by (instance) (nodejs_eventloop_lag_p99_seconds{job="nocturnal-api"}) >= 0.5`,
    forMinutes: () => 5,
  },
  {
    id: 'LimiterDegraded',
    setting: 'ALARM_LIMITER_DEGRADED_MINUTES',
    threshold: 5,
    unit: 'minutes',
    periodMinutes: 1,
    summary: 'The rate limiter has limited per instance in memory (Redis out of reach) for the threshold (minutes)',
    promql: () => `max(${m.limiterDegraded.prometheus}{job="nocturnal-api"}) >= 1`,
    forMinutes: (t) => t,
  },
  {
    id: 'StrictMode',
    setting: 'ALARM_STRICT_MODE_MINUTES',
    threshold: 1,
    unit: 'minutes',
    periodMinutes: 1,
    summary: 'Strict mode (an attack was detected, limits tightened fleet-wide) has been on for the threshold (minutes)',
    promql: () => `max(${m.strictMode.prometheus}{job="nocturnal-api"}) >= 1`,
    forMinutes: (t) => t,
  },
];

export function findAlert(id: AlertId): AlertDef {
  const alert = ALERTS.find((a) => a.id === id);
  if (!alert) throw new Error(`no alert ${id}`);
  return alert;
}

/** The threshold a deploy uses: the setting when given (a positive number), else the default. */
export function alertThreshold(alert: AlertDef, env: Record<string, string | undefined>): number {
  const raw = env[alert.setting];
  if (raw === undefined || raw.trim() === '') return alert.threshold;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${alert.setting}: expected a positive number, got "${raw}"`);
  return value;
}
