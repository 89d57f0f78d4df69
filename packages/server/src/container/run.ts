/**
 * Starts the container server from production configuration only: no
 * stand-ins, and a missing required setting stops the start with a message
 * naming it. `WEB_CONCURRENCY` workers (default: the CPUs this process may
 * use) behind a `node:cluster` primary, or the server in-process for one;
 * `GET /metrics` on `METRICS_PORT` (see container-metrics.ts for who serves it).
 *
 * @example
 * await runContainer({ loadHandler: (route) => handlers[route.id]() }); // the bundle's entry
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '@nocturnal/core/config';
import { createLogger, writeBatched, type Logger } from '@nocturnal/core/logger';
import { requiredSettings, type RequirableSetting } from '@nocturnal/core/resources';
import type { LambdaHandler } from '@nocturnal/functions/route';
import { resourcesOf, routes } from '@nocturnal/functions/routes';
import type { RouteDef } from '@nocturnal/functions/route-types';
import { connectResp } from '@nocturnal/core/ratelimit/resp-transport';
import { useRespTransport } from '@nocturnal/functions/clients/resp';
import { closeRuntime, createRuntime, useRuntime } from '@nocturnal/functions/runtime';
import { parseTrustedProxies, TrustedProxiesError } from './client-ip';
import { buildContainerServer } from './container-server';
import { buildMetricsServer, METRICS_PATH } from '../metrics/metrics-server';
import { planMetrics, type MetricsPlan } from './container-metrics';
import { runPrimary } from './primary';

/** The container runs every route, so it refuses to start without what any of them requires (from the resource table). */
export const REQUIRED_SETTINGS: readonly RequirableSetting[] = requiredSettings(routes.flatMap(resourcesOf));

export interface RunOptions {
  loadHandler: (route: RouteDef) => Promise<LambdaHandler>;
  /** Command-line flags: `--host` (default `0.0.0.0`). */
  argv?: string[];
}

/**
 * Resolves once the server listens; the process then runs until SIGTERM/SIGINT
 * and exits by itself (0 after a clean drain, 1 on a start-up failure).
 */
export async function runContainer(opts: RunOptions): Promise<void> {
  const { values } = parseArgs({ args: opts.argv ?? process.argv.slice(2), options: { host: { type: 'string' } } });
  const host = values.host ?? '0.0.0.0';
  const config = readConfig();
  // Containers reach Redis over RESP when REDIS_URL is set (no Lambda bundle carries ioredis).
  useRespTransport(connectResp);
  const workers = config.WEB_CONCURRENCY || availableParallelism();
  const metricsPlan = planMetrics({ port: config.METRICS_PORT, clustered: workers > 1, stage: config.STAGE, routes: routes.map((r) => r.id) });
  // Batched log lines: one stdout write per event-loop turn, not one per request.
  const logger = createLogger({ level: config.LOG_LEVEL, fields: { stage: config.STAGE }, write: writeBatched });
  const runtime = useRuntime(createRuntime(config, { log: logger, metrics: metricsPlan.metrics }));
  const log = runtime.log.child({ pid: process.pid });
  const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;
  let metricsUrl: string | undefined;
  const banner = (port: number) =>
    process.stdout.write(
      `Nocturnal API (container) listening on http://${host}:${port} (${workers} worker${workers > 1 ? 's' : ''}, pid ${process.pid})` +
        `${metricsUrl ? `; metrics on ${metricsUrl}` : ''}\n`,
    );

  try {
    const metricsServer = metricsPlan.collect ? await startMetricsServer(metricsPlan.collect, metricsPlan.port, host, log) : undefined;
    if (metricsServer) metricsUrl = metricsServer.url;
    if (workers > 1 && cluster.isPrimary) {
      const code = await runPrimary({ workers, graceMs, log, onListening: ({ port }) => banner(port) });
      await metricsServer?.close();
      log.info('stopped', { code });
      process.exit(code);
    }
    await runWorker(config, { ...opts, host, graceMs, log, metricsServer, onListening: cluster.isWorker ? () => {} : banner });
  } catch (error) {
    log.error('start-up failed', { error });
    // Whatever LOG_LEVEL says, the reason a container does not start is printed.
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}

/** The internal `/metrics` listener, on the same interface as the API but its own port. */
async function startMetricsServer(collect: NonNullable<MetricsPlan['collect']>, port: number, host: string, log: Logger) {
  const server = buildMetricsServer({
    collect,
    onError: (error, report) => (report.status >= 500 ? log.error('metrics scrape failed', { ...report, error }) : log.warn('metrics answered', { ...report })),
  });
  const bound = await server.listen(port, host);
  return { url: `http://${host}:${bound}${METRICS_PATH}`, close: () => server.close() };
}

async function runWorker(
  config: Config,
  opts: RunOptions & { host: string; graceMs: number; log: Logger; metricsServer?: { close(): Promise<void> }; onListening(port: number): void },
): Promise<void> {
  const { log } = opts;
  // Every handler is loaded before listening, so a broken one fails the start, not a request.
  await Promise.all(routes.map(opts.loadHandler));
  const app = buildContainerServer({
    routes,
    loadHandler: opts.loadHandler,
    stage: config.STAGE,
    trustedProxies: config.TRUSTED_PROXIES,
    onError: (error, report) => (report.status >= 500 ? log.error('gateway error', { ...report, error }) : log.warn('gateway answered', { ...report })),
  });
  const port = await app.listen(config.PORT, opts.host);
  opts.onListening(port);
  const shutdown = async (signal: NodeJS.Signals) => {
    if (app.draining) return;
    log.info('draining', { signal, graceSeconds: opts.graceMs / 1000 });
    const drained = await app.drain(opts.graceMs);
    // Scraped until the last request is counted, then closed.
    await opts.metricsServer?.close();
    await closeRuntime();
    if (!drained) log.warn('grace period over: open requests were cut');
    process.exit(drained ? 0 : 1);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** The configuration, or exit 1 with every problem named. */
function readConfig(): Config {
  try {
    const config = loadConfig({}, REQUIRED_SETTINGS);
    parseTrustedProxies(config.TRUSTED_PROXIES);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof TrustedProxiesError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
