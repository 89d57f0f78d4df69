/**
 * Upstash-REST proxy as a process (dev, or a container service).
 *
 *   tsx packages/standins/src/upstash/cli.ts --port 8079 --token T [--redis-url redis://...] [--host 0.0.0.0] [--data-dir .data/redis]
 *
 * Each flag falls back to an environment variable: PORT, HOST, UPSTASH_PROXY_TOKEN,
 * REDIS_URL, REDIS_DATA_DIR. Without a Redis URL it spawns `redis-server`. Prints the
 * URL (and the token when it generated one); SIGINT/SIGTERM stop everything, exit 0.
 */
import { parseArgs } from 'node:util';
import { startUpstash } from './start-upstash';
import { stopOnSignal } from '../stop-on-signal';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    'redis-url': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const env = process.env;
const port = Number(values.port ?? env.PORT ?? 8079);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid port: ${values.port ?? env.PORT}`);
  process.exit(2);
}
const token = values.token ?? env.UPSTASH_PROXY_TOKEN;

try {
  const upstash = await startUpstash({
    port,
    host: values.host ?? env.HOST,
    token,
    redisUrl: values['redis-url'] ?? env.REDIS_URL,
    dataDir: values['data-dir'] ?? env.REDIS_DATA_DIR,
  });
  console.log(`upstash proxy listening on ${upstash.url} (redis ${upstash.redisUrl})`);
  if (!token) console.log(`token: ${upstash.token}`);
  stopOnSignal(() => upstash.stop());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
