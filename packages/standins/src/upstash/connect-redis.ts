import { Redis } from 'ioredis';

/** Options of {@link connectRedis}. */
export interface RedisConnectionOptions {
  /** Fail a command that got no answer after this long (a frozen Redis). Default 5 s. */
  commandTimeoutMs?: number;
  /** Connection problems, one call per distinct message until the next successful connect. */
  onError?: (error: Error) => void;
}

/**
 * The proxy's shared Redis connection, tuned to fail fast rather than queue: no offline
 * queue, no retry of in-flight commands, a command timeout. While Redis is down every
 * request fails at once (the proxy answers 503, so a client-side breaker sees it), and
 * ioredis keeps reconnecting (back-off capped at 1 s), so service resumes by itself.
 * Integers are read as strings so they can be relayed exactly.
 */
export function connectRedis(url: string, opts: RedisConnectionOptions = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: opts.commandTimeoutMs ?? 5_000,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
    stringNumbers: true,
    autoResubscribe: false,
  });
  let lastMessage: string | undefined;
  redis.on('ready', () => (lastMessage = undefined));
  // Without a listener ioredis prints every reconnect failure itself.
  redis.on('error', (error: Error) => {
    if (error.message === lastMessage) return;
    lastMessage = error.message;
    opts.onError?.(error);
  });
  return redis;
}

/** Resolves true once `redis` is ready, false after `timeoutMs` (it keeps trying). */
export function waitUntilReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    redis.once('ready', onReady);
  });
}
