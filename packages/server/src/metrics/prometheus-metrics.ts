/**
 * The container's adapter of core's {@link Metrics} port: prom-client series
 * named, labelled and described by the catalogue ({@link METRICS}), with
 * `stage` as a default label and the process/Node metrics beside them.
 * Scraped, not pushed, so {@link Metrics.flush} does nothing.
 *
 * Every series says how a cluster primary combines its workers' values
 * (prom-client's `aggregator`): counters and the histogram add up, the two
 * gauges take the maximum (one degraded worker makes the instance degraded).
 *
 * @example
 * const { metrics, registry } = createPrometheusMetrics({ stage: 'prod', routes: routes.map((r) => r.id) });
 * useRuntime(createRuntime(config, { metrics }));
 * const text = await registry.metrics(); // the body of GET /metrics
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Aggregator } from 'prom-client';
import { LATENCY_BUCKETS_SECONDS, METRICS, type MetricName, type Metrics } from '@nocturnal/core/observability/metrics';
import { REVOCATIONS } from '@nocturnal/core/users/account-guard';

export interface PrometheusMetricsOptions {
  /** The `stage` label of every series. */
  stage: string;
  /** Route ids whose request counters start at 0, so a first error is a visible increase for `rate()`. */
  routes?: readonly string[];
  /** Node and process metrics (`collectDefaultMetrics`); default true. */
  defaultMetrics?: boolean;
  /** Default: a registry of its own. */
  registry?: Registry;
}

export interface PrometheusMetrics {
  metrics: Metrics;
  registry: Registry;
}

/** How a cluster primary combines the workers' values of each kind. */
const AGGREGATOR: Record<(typeof METRICS)[MetricName]['kind'], Aggregator> = { counter: 'sum', histogram: 'sum', gauge: 'max' };

export function createPrometheusMetrics(opts: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = opts.registry ?? new Registry();
  registry.setDefaultLabels({ stage: opts.stage });
  if (opts.defaultMetrics ?? true) {
    collectDefaultMetrics({ register: registry });
    // prom-client averages event-loop lag over a cluster's workers: one saturated worker among
    // idle ones would hide below the saturation alert's threshold. The worst worker is what counts.
    for (const metric of registry.getMetricsAsArray()) {
      if (metric.name.startsWith('nodejs_eventloop_lag_')) (metric as unknown as { aggregator: Aggregator }).aggregator = 'max';
    }
  }

  const series = <N extends MetricName>(name: N) => {
    const def = METRICS[name];
    return {
      name: def.prometheus,
      help: def.help,
      labelNames: [...def.labels],
      registers: [registry],
      aggregator: AGGREGATOR[def.kind],
    };
  };
  const requests = new Counter(series('requests'));
  const clientErrors = new Counter(series('clientErrors'));
  const serverErrors = new Counter(series('serverErrors'));
  const latency = new Histogram({ ...series('latency'), buckets: [...LATENCY_BUCKETS_SECONDS] });
  const rateLimited = new Counter(series('rateLimited'));
  const coldStarts = new Counter(series('coldStarts'));
  const degraded = new Gauge(series('limiterDegraded'));
  const strict = new Gauge(series('strictMode'));
  const revocationRefusals = new Counter(series('revocationRefusals'));

  for (const route of opts.routes ?? []) {
    for (const counter of [requests, clientErrors, serverErrors]) counter.inc({ route }, 0);
  }
  // Every reason exists from the start, so a first refusal is an increase to rate(), not a new series.
  for (const reason of REVOCATIONS) revocationRefusals.inc({ reason }, 0);
  degraded.set(0);
  strict.set(0);

  const metrics: Metrics = {
    request(route, status, durationMs) {
      requests.inc({ route });
      if (status >= 500) serverErrors.inc({ route });
      else if (status >= 400) clientErrors.inc({ route });
      latency.observe({ route }, durationMs / 1000);
    },
    rateLimited: (policy) => rateLimited.inc({ policy }),
    coldStart: (route) => coldStarts.inc({ route }),
    limiterState(state) {
      degraded.set(state.degraded ? 1 : 0);
      strict.set(state.strict ? 1 : 0);
    },
    revocationRefused: (reason) => revocationRefusals.inc({ reason }),
    flush: () => {},
  };
  return { metrics, registry };
}
