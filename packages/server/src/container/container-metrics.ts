/**
 * What one process of the container does for metrics, from `METRICS_PORT` and
 * its place in the cluster:
 * - `off`: records nothing, serves nothing;
 * - one worker (no cluster): records into its registry and serves it;
 * - a cluster primary: records nothing (it serves no request) and serves the
 *   sum of its workers;
 * - a cluster worker: records into its registry and answers the primary;
 *   it listens on no metrics port.
 *
 * @example
 * const plan = planMetrics({ port: config.METRICS_PORT, clustered: workers > 1, stage: config.STAGE, routes: routes.map((r) => r.id) });
 * useRuntime(createRuntime(config, { metrics: plan.metrics }));
 * if (plan.collect) await buildMetricsServer({ collect: plan.collect }).listen(plan.port, host);
 */
import cluster from 'node:cluster';
import { noMetrics, type Metrics } from '@nocturnal/core/observability/metrics';
import { answerPrimary, clusterExposition } from '../metrics/cluster-metrics';
import type { Exposition } from '../metrics/metrics-server';
import { createPrometheusMetrics } from '../metrics/prometheus-metrics';

export interface MetricsPlan {
  /** The runtime's recorder. */
  metrics: Metrics;
  /** Set when this process serves `/metrics` on {@link port}. */
  collect?: () => Promise<Exposition>;
  port: number;
}

export function planMetrics(opts: { port: number | 'off'; clustered: boolean; stage: string; routes: readonly string[] }): MetricsPlan {
  if (opts.port === 'off') return { metrics: noMetrics, port: 0 };
  const { port } = opts;
  if (opts.clustered && cluster.isPrimary) return { metrics: noMetrics, collect: clusterExposition(), port };
  const { metrics, registry } = createPrometheusMetrics({ stage: opts.stage, routes: opts.routes });
  if (opts.clustered) {
    answerPrimary(registry);
    return { metrics, port };
  }
  return { metrics, port, collect: async () => ({ contentType: registry.contentType, body: await registry.metrics() }) };
}
