/**
 * `npm start`: the whole API on one machine with no accounts. Every dependency
 * left unconfigured is served by a stand-in that speaks its real protocol;
 * data lives in `.data/` so a restart keeps users and files.
 */
import { resolve } from 'node:path';
import { startStandIns } from './standins';
import { PROJECT_ROOT } from './server';

const dataDir = resolve(PROJECT_ROOT, '.data');
const port = Number(process.env.PORT ?? 3000);
const origins = process.env.CORS_ORIGINS ?? `http://localhost:${port},http://127.0.0.1:${port}`;

const standIns = await startStandIns({ env: process.env, dataDir, corsOrigins: origins.split(',') });
// The launcher sets the environment, as a deployment would; config reads it once.
Object.assign(process.env, { STAGE: 'local', CORS_ORIGINS: origins, ...standIns.env });

const { startLocalApi } = await import('./server');
const { closeDeps } = await import('@nocturnal/functions/deps');
const api = await startLocalApi({ port });

const lines = Object.entries(standIns.backing).map(([name, what]) => `  ${name.padEnd(10)} ${what}`);
process.stdout.write(
  [`Nocturnal API listening on ${api.url}`, `  health     ${api.url}/health, ${api.url}/api/v1/health`, ...lines, ''].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await api.close();
  await closeDeps();
  await standIns.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
