import { Redis } from '@upstash/redis';
import {
  createMemoryLimiter,
  createMemorySignalStore,
  createRateLimitService,
  createResilientLimiter,
  createStrictMode,
  createUpstashLimiter,
  createUpstashSignalStore,
  resolvePolicies,
  type RateLimitService,
} from '@nocturnal/core/ratelimit/index';
import type { SignalStore } from '@nocturnal/core/ratelimit/strict-mode';
import { ConfigError } from '@nocturnal/core/config';
import { defineClient, type Runtime } from '../runtime';
import { respTransport } from './resp';

/**
 * The process-wide rate-limit service, created once outside the handler so the
 * limiter's ephemeral cache and the breaker's state survive warm invocations.
 * Without Upstash settings it runs on the memory limiter alone (and says so
 * in readiness).
 */
export const rateLimits = defineClient({
  name: 'rate-limits',
  resource: 'redis',
  warm: true,
  create: (runtime) => createRateLimits(runtime),
});

/** The shared store of the limits and strict mode: Redis over RESP (`REDIS_URL`) or over Upstash's REST protocol. */
export interface SharedStore {
  transport: 'resp' | 'rest';
  limiterRedis: Redis;
  signals: SignalStore;
  close?(): Promise<void>;
}

/** One connection per process to the configured shared store; none without one (the memory limiter). */
export const rateLimitStore = defineClient({
  name: 'rate-limit-store',
  resource: 'redis',
  create: ({ config }): SharedStore | null => {
    const timeoutMs = config.RATE_LIMIT_REDIS_TIMEOUT_MS;
    if (config.REDIS_URL) {
      const connect = respTransport();
      if (!connect) {
        throw new ConfigError([
          'REDIS_URL: RESP is served by the container and local servers; functions on Lambda use UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN',
        ]);
      }
      return { transport: 'resp', ...connect(config.REDIS_URL, { timeoutMs }) };
    }
    if (!config.UPSTASH_REDIS_REST_URL || !config.UPSTASH_REDIS_REST_TOKEN) return null;
    const redis = new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      // The client's default retries take ~4 s: the breaker decides instead.
      retry: { retries: 0 },
      enableAutoPipelining: true,
      enableTelemetry: false,
    });
    return { transport: 'rest', limiterRedis: redis, signals: createUpstashSignalStore(redis) };
  },
  close: (store) => store?.close?.(),
});

function createRateLimits(runtime: Runtime): RateLimitService {
  const { config, log } = runtime;
  const rlLog = log.child({ component: 'rate-limit' });
  const timeoutMs = config.RATE_LIMIT_REDIS_TIMEOUT_MS;
  const store = runtime.get(rateLimitStore);
  const memory = createMemoryLimiter();
  const limiter = createResilientLimiter({
    primary: store ? createUpstashLimiter({ redis: store.limiterRedis, timeoutMs }) : memory,
    fallback: memory,
    breakerMs: config.RATE_LIMIT_BREAKER_SECONDS * 1000,
    log: rlLog,
  });
  const strict = createStrictMode({
    store: store ? store.signals : createMemorySignalStore(),
    threshold: config.RATE_LIMIT_STRICT_THRESHOLD,
    windowSeconds: config.RATE_LIMIT_STRICT_WINDOW_SECONDS,
    cooldownSeconds: config.RATE_LIMIT_STRICT_COOLDOWN_SECONDS,
    perClientCap: config.RATE_LIMIT_STRICT_CLIENT_CAP,
    minClients: config.RATE_LIMIT_STRICT_MIN_CLIENTS,
    cacheMs: config.RATE_LIMIT_STATE_CACHE_MS,
    timeoutMs,
    log: rlLog,
  });
  return createRateLimitService({ limiter, strict, policies: resolvePolicies(config), strictFactor: config.RATE_LIMIT_STRICT_FACTOR });
}

/** Whether a shared store is configured at all. */
export function hasSharedStore({ config }: Runtime): boolean {
  return Boolean(config.REDIS_URL || (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN));
}
