/**
 * S3 stand-in (s3rver) as a process.
 *
 *   tsx packages/standins/src/s3/cli.ts --port 4569 [--host 0.0.0.0] [--data-dir .data/s3] [--bucket nocturnal-uploads] [--cors-origins http://localhost:5173,https://app.example]
 *
 * Each flag falls back to an environment variable: PORT, HOST, S3_DATA_DIR, S3_BUCKET,
 * S3_CORS_ORIGINS (comma-separated). Prints the endpoint and bucket; SIGINT/SIGTERM
 * stop it, exit 0. Credentials for clients: S3RVER / S3RVER (not verified).
 */
import { parseArgs } from 'node:util';
import { startS3 } from './start-s3';
import { stopOnSignal } from '../stop-on-signal';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    bucket: { type: 'string' },
    'cors-origins': { type: 'string' },
  },
});
const env = process.env;
const port = Number(values.port ?? env.PORT ?? 4569);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid port: ${values.port ?? env.PORT}`);
  process.exit(2);
}
const origins = (values['cors-origins'] ?? env.S3_CORS_ORIGINS)?.split(',').map((o) => o.trim()).filter(Boolean);

try {
  const s3 = await startS3({
    port,
    host: values.host ?? env.HOST,
    dataDir: values['data-dir'] ?? env.S3_DATA_DIR,
    bucket: values.bucket ?? env.S3_BUCKET,
    corsOrigins: origins?.length ? origins : undefined,
  });
  console.log(`s3 listening on ${s3.endpoint} (bucket ${s3.bucket}, data in ${s3.directory})`);
  stopOnSignal(() => s3.stop());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
