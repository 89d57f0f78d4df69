import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectRedis, waitUntilReady } from './connect-redis';
import { createProxyHandler } from './create-proxy-handler';

/** Options of {@link startUpstashProxy}. */
export interface UpstashProxyOptions {
  /** Redis to relay to, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /** Bearer token clients must send (non-empty). */
  token: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`; `0.0.0.0` in a container. */
  host?: string;
  /** Default 10 MiB. */
  maxBodyBytes?: number;
  /** Default 5 s. */
  commandTimeoutMs?: number;
  /** How long start-up waits for Redis before serving anyway (503s until it is up). Default 2 s. */
  readyTimeoutMs?: number;
  /** Redis connection problems and unexpected proxy errors. */
  onError?: (error: unknown) => void;
}

/** A listening proxy. */
export interface RunningUpstashProxy {
  /** Base URL for `new Redis({ url, token })`. */
  url: string;
  token: string;
  port: number;
  /** Closes the listener and open connections, then the Redis connection. */
  stop(): Promise<void>;
}

/**
 * Starts the Upstash-REST-compatible proxy in front of `redisUrl`.
 *
 * @example
 * ```ts
 * const proxy = await startUpstashProxy({ redisUrl: 'redis://127.0.0.1:6379', token: 't' });
 * const redis = new Redis({ url: proxy.url, token: proxy.token }); // @upstash/redis
 * ```
 */
export async function startUpstashProxy(opts: UpstashProxyOptions): Promise<RunningUpstashProxy> {
  if (!opts.token) throw new TypeError('startUpstashProxy: token must be a non-empty string');
  const redis = connectRedis(opts.redisUrl, { commandTimeoutMs: opts.commandTimeoutMs, onError: opts.onError });
  await waitUntilReady(redis, opts.readyTimeoutMs ?? 2_000);
  const server = createServer(createProxyHandler({ ...opts, redis }));
  const host = opts.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${reachable}:${port}`,
    token: opts.token,
    port,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(() => redis.disconnect());
      return stopping;
    },
  };
}
