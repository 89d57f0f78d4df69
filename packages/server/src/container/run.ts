/**
 * Starts the container server from production configuration only: no
 * stand-ins, and a missing required setting stops the start with a message
 * naming it. `WEB_CONCURRENCY` workers (default: the CPUs this process may
 * use) behind a `node:cluster` primary, or the server in-process for one.
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
  // Batched log lines: one stdout write per event-loop turn, not one per request.
  const runtime = useRuntime(createRuntime(config, { log: createLogger({ level: config.LOG_LEVEL, fields: { stage: config.STAGE }, write: writeBatched }) }));
  const log = runtime.log.child({ pid: process.pid });
  const workers = config.WEB_CONCURRENCY || availableParallelism();
  const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;
  const banner = (port: number) =>
    process.stdout.write(`Nocturnal API (container) listening on http://${host}:${port} (${workers} worker${workers > 1 ? 's' : ''}, pid ${process.pid})\n`);

  if (workers > 1 && cluster.isPrimary) {
    const code = await runPrimary({ workers, graceMs, log, onListening: ({ port }) => banner(port) });
    log.info('stopped', { code });
    process.exit(code);
  }
  try {
    await runWorker(config, { ...opts, host, graceMs, log, onListening: cluster.isWorker ? () => {} : banner });
  } catch (error) {
    log.error('start-up failed', { error });
    // Whatever LOG_LEVEL says, the reason a container does not start is printed.
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
}

async function runWorker(
  config: Config,
  opts: RunOptions & { host: string; graceMs: number; log: Logger; onListening(port: number): void },
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
