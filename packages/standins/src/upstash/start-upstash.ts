import { randomBytes } from 'node:crypto';
import { startRedisServer } from './start-redis-server';
import { startUpstashProxy } from './start-upstash-proxy';

/** Options of {@link startUpstash}. */
export interface UpstashOptions {
  /** Proxy port; default a free one. */
  port?: number;
  /** Proxy host; default 127.0.0.1. */
  host?: string;
  /** Default: random. */
  token?: string;
  /** Persist the embedded redis-server there (ignored with `redisUrl`). */
  dataDir?: string;
  /** Use this Redis instead of spawning `redis-server`. */
  redisUrl?: string;
}

/** A running Upstash stand-in. */
export interface RunningUpstash {
  url: string;
  token: string;
  redisUrl: string;
  /** Stops the proxy, then the redis-server it started (if any). */
  stop(): Promise<void>;
}

/**
 * Upstash Redis stand-in: the REST proxy, in front of `redisUrl` or of a
 * `redis-server` it spawns.
 *
 * @throws {@link RedisServerMissingError} without `redisUrl` when redis-server is not installed.
 * @example
 * ```ts
 * const upstash = await startUpstash();
 * const redis = new Redis({ url: upstash.url, token: upstash.token });
 * await upstash.stop();
 * ```
 */
export async function startUpstash(opts: UpstashOptions = {}): Promise<RunningUpstash> {
  const server = opts.redisUrl ? undefined : await startRedisServer({ dataDir: opts.dataDir });
  const redisUrl = opts.redisUrl ?? server!.url;
  try {
    const token = opts.token ?? randomBytes(24).toString('base64url');
    const proxy = await startUpstashProxy({ redisUrl, token, port: opts.port, host: opts.host });
    return {
      url: proxy.url,
      token,
      redisUrl,
      stop: async () => {
        await proxy.stop();
        await server?.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}
