/**
 * Metrics of a `node:cluster` instance: the primary serves `/metrics` and
 * asks every worker for its registry over the cluster's IPC channel
 * (prom-client's `AggregatorRegistry`), combining the series by their
 * `aggregator` (counters and histograms add up, gauges take the maximum).
 * Workers listen on no metrics port; they only answer the primary.
 *
 * @example
 * // primary
 * const metricsServer = buildMetricsServer({ collect: clusterExposition() });
 * // each worker
 * answerPrimary(createPrometheusMetrics({ stage }).registry);
 */
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Exposition } from './metrics-server';

/** The primary's collector: one exposition summing every connected worker. */
export function clusterExposition(): () => Promise<Exposition> {
  const aggregator = new AggregatorRegistry();
  return async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() });
}

/** Makes this worker answer the primary's metrics requests with `registry`. */
export function answerPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries(registry);
  // The constructor installs the worker's IPC listener (once per process).
  new AggregatorRegistry();
}
