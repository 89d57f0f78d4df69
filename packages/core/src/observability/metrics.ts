/**
 * The metrics port and THE metric catalogue. Core and the chain record
 * through {@link Metrics}; an adapter per platform turns the records into
 * CloudWatch embedded metric format on Lambda (Powertools Metrics) or into
 * Prometheus series in containers (prom-client). Both take every name, unit
 * and label from {@link METRICS}, so the two runtimes publish the same
 * metrics, and the stacks' alarms and the Prometheus rules name them from here.
 *
 * Labels are low-cardinality by construction: a route id (one per row of the
 * route table), a policy name, a revocation reason. Never a user id or an address.
 *
 * @example
 * runtime.metrics.request('users-me-get', 200, 12.5);
 * runtime.metrics.flush(); // Lambda: one EMF line for the invocation
 */
import type { Revocation } from '../users/account-guard';

export type MetricKind = 'counter' | 'histogram' | 'gauge';
export type MetricLabel = 'route' | 'policy' | 'reason';

export interface MetricDef {
  kind: MetricKind;
  /** The CloudWatch metric name (namespace {@link METRIC_NAMESPACE}). */
  cloudwatch: string;
  /** The CloudWatch unit. */
  unit: 'Count' | 'Milliseconds';
  /** The Prometheus series name (counters end in `_total`; the histogram is in seconds). */
  prometheus: string;
  /** Labels (Prometheus) and dimensions (CloudWatch, besides `service` and `stage`). */
  labels: readonly MetricLabel[];
  /** What it counts, for the README, the dashboard and the Prometheus HELP line. */
  help: string;
}

/** CloudWatch namespace of every metric; the `service` dimension is {@link METRIC_SERVICE}. */
export const METRIC_NAMESPACE = 'Nocturnal';
export const METRIC_SERVICE = 'nocturnal-api';

export const METRICS = {
  requests: {
    kind: 'counter',
    cloudwatch: 'Requests',
    unit: 'Count',
    prometheus: 'nocturnal_requests_total',
    labels: ['route'],
    help: 'Requests answered by a function, whatever the status',
  },
  clientErrors: {
    kind: 'counter',
    cloudwatch: 'ClientErrors',
    unit: 'Count',
    prometheus: 'nocturnal_client_errors_total',
    labels: ['route'],
    help: 'Requests answered with a 4xx status (429 included)',
  },
  serverErrors: {
    kind: 'counter',
    cloudwatch: 'ServerErrors',
    unit: 'Count',
    prometheus: 'nocturnal_server_errors_total',
    labels: ['route'],
    help: 'Requests answered with a 5xx status',
  },
  latency: {
    kind: 'histogram',
    cloudwatch: 'Latency',
    unit: 'Milliseconds',
    prometheus: 'nocturnal_request_duration_seconds',
    labels: ['route'],
    help: 'Time from the first middleware to the response, in the function',
  },
  rateLimited: {
    kind: 'counter',
    cloudwatch: 'RateLimited',
    unit: 'Count',
    prometheus: 'nocturnal_rate_limited_total',
    labels: ['policy'],
    help: 'Requests refused with 429, by the policy that refused them',
  },
  coldStarts: {
    kind: 'counter',
    cloudwatch: 'ColdStarts',
    unit: 'Count',
    prometheus: 'nocturnal_cold_starts_total',
    labels: ['route'],
    help: 'First requests a process served for a route (a Lambda cold start; a container worker start)',
  },
  limiterDegraded: {
    kind: 'gauge',
    cloudwatch: 'LimiterDegraded',
    unit: 'Count',
    prometheus: 'nocturnal_rate_limiter_degraded',
    labels: [],
    help: '1 while the rate limiter cannot reach Redis and limits per instance in memory, else 0',
  },
  strictMode: {
    kind: 'gauge',
    cloudwatch: 'StrictMode',
    unit: 'Count',
    prometheus: 'nocturnal_strict_mode',
    labels: [],
    help: '1 while the fleet-wide strict mode is on (tightened limits), else 0',
  },
  revocationRefusals: {
    kind: 'counter',
    cloudwatch: 'RevocationRefusals',
    unit: 'Count',
    prometheus: 'nocturnal_revocation_refusals_total',
    labels: ['reason'],
    help: 'Valid tokens refused because their account changed (deleted, disabled, role-changed, revoked)',
  },
} as const satisfies Record<string, MetricDef>;

export type MetricName = keyof typeof METRICS;

/** Latency buckets of the Prometheus histogram, in seconds. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface Metrics {
  /** One answered request: counts it, its class (4xx, 5xx) and its latency. */
  request(route: string, status: number, durationMs: number): void;
  /** A 429, by the policy that refused it. */
  rateLimited(policy: string): void;
  /** The first request this process serves for `route`. */
  coldStart(route: string): void;
  /** The limiter's state as a rate-limited request saw it. */
  limiterState(state: { degraded: boolean; strict: boolean }): void;
  /** A verified token refused because its account changed. */
  revocationRefused(reason: Revocation): void;
  /** Publishes what this invocation recorded (Lambda: one EMF line); a no-op where metrics are scraped. */
  flush(): void;
}

/** Records nothing: tests and tools that do not publish metrics. */
export const noMetrics: Metrics = {
  request: () => {},
  rateLimited: () => {},
  coldStart: () => {},
  limiterState: () => {},
  revocationRefused: () => {},
  flush: () => {},
};
