import { Redis } from 'ioredis';
import type { Redis as UpstashRedis } from '@upstash/redis';
import { ratelimitRedisOverResp } from './redis-resp';
import { createIoredisSignalStore } from './signals.ioredis';
import type { SignalStore } from './strict-mode';

/** What the rate-limit service needs from one Redis connection over RESP. */
export interface RespTransport {
  /** For `createUpstashLimiter`: `@upstash/ratelimit`'s calls on this connection. */
  limiterRedis: UpstashRedis;
  signals: SignalStore;
  close(): Promise<void>;
}

/**
 * One `ioredis` connection for the rate limits, with waits bounded like the
 * REST path's: every command fails after `timeoutMs` (a hanging Redis), a
 * command issued while disconnected fails fast instead of waiting for
 * reconnects, and the client keeps reconnecting in the background, so the
 * breaker finds Redis again by itself once it is back.
 *
 * @example
 * const resp = connectResp('redis://redis:6379', { timeoutMs: 500 });
 * const limiter = createUpstashLimiter({ redis: resp.limiterRedis, timeoutMs: 500 });
 */
export function connectResp(url: string, opts: { timeoutMs: number }): RespTransport {
  const redis = new Redis(url, {
    commandTimeout: opts.timeoutMs,
    connectTimeout: Math.max(1_000, opts.timeoutMs * 2),
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
    lazyConnect: false,
    connectionName: 'nocturnal-ratelimit',
  });
  // Connection errors are the breaker's business (each failed command trips it); never an unhandled 'error'.
  redis.on('error', () => undefined);
  return {
    limiterRedis: ratelimitRedisOverResp(redis),
    signals: createIoredisSignalStore(redis),
    close: async () => {
      redis.disconnect();
    },
  };
}
