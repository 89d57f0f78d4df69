/**
 * `npm start`: the whole API on one machine with no accounts. Every dependency
 * left unconfigured is served by a stand-in that speaks its real protocol;
 * data lives in `.data/` so a restart keeps users and files. `GET /metrics`
 * on `METRICS_PORT` (127.0.0.1:9464 by default; `off`: none), as in containers.
 */
import { resolve } from 'node:path';
import { loadConfig } from '@nocturnal/core/config';
import { routes } from '@nocturnal/functions/routes';
import { planMetrics } from '../container/container-metrics';
import { buildMetricsServer, METRICS_PATH } from '../metrics/metrics-server';
import { PROJECT_ROOT } from '../project-root';
import { startLocalApi } from './server';
import { startStandIns } from './standins';

const dataDir = resolve(PROJECT_ROOT, '.data');
// What the environment configures (PORT, CORS_ORIGINS, any real service): the stand-ins fill the rest.
const configured = loadConfig();
const port = configured.PORT;
const origins = configured.CORS_ORIGINS.length > 0 ? configured.CORS_ORIGINS : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];

const standIns = await startStandIns({ configured, dataDir, corsOrigins: origins });
const config = loadConfig({ STAGE: 'local', CORS_ORIGINS: origins.join(','), ...standIns.env });
const plan = planMetrics({ port: config.METRICS_PORT, clustered: false, stage: config.STAGE, routes: routes.map((r) => r.id) });
const api = await startLocalApi({ port, config, metrics: plan.metrics });
let metricsServer = plan.collect ? buildMetricsServer({ collect: plan.collect }) : undefined;
let metricsPort: number | undefined;
try {
  metricsPort = await metricsServer?.listen(plan.port, '127.0.0.1');
} catch (error) {
  // A second `npm start` on the same machine: the API still runs, without its metrics endpoint.
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  process.stderr.write(`metrics not served: port ${plan.port} is in use (set METRICS_PORT to another port, 0 for any, or off)\n`);
  metricsServer = undefined;
}

const lines = Object.entries(standIns.backing).map(([name, what]) => `  ${name.padEnd(10)} ${what}`);
const metricsLine = metricsServer ? [`  metrics    http://127.0.0.1:${metricsPort}${METRICS_PATH}`] : [];
process.stdout.write(
  [`Nocturnal API listening on ${api.url}`, `  health     ${api.url}/health, ${api.url}/api/v1/health`, ...metricsLine, ...lines, ''].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await api.close();
  await metricsServer?.close();
  await standIns.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
