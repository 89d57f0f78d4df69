/**
 * `npm start`: the whole API on one machine with no accounts. Every dependency
 * left unconfigured is served by a stand-in that speaks its real protocol;
 * data lives in `.data/` so a restart keeps users and files.
 */
import { resolve } from 'node:path';
import { loadConfig } from '@nocturnal/core/config';
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
const api = await startLocalApi({ port, config });

const lines = Object.entries(standIns.backing).map(([name, what]) => `  ${name.padEnd(10)} ${what}`);
process.stdout.write(
  [`Nocturnal API listening on ${api.url}`, `  health     ${api.url}/health, ${api.url}/api/v1/health`, ...lines, ''].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await api.close();
  await standIns.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
