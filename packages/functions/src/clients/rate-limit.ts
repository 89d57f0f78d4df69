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
import { defineClient, type Runtime } from '../runtime';

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

function createRateLimits({ config, log }: Runtime): RateLimitService {
  const rlLog = log.child({ component: 'rate-limit' });
  const timeoutMs = config.RATE_LIMIT_REDIS_TIMEOUT_MS;
  const redis =
    config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN
      ? new Redis({
          url: config.UPSTASH_REDIS_REST_URL,
          token: config.UPSTASH_REDIS_REST_TOKEN,
          // The client's default retries take ~4 s: the breaker decides instead.
          retry: { retries: 0 },
          enableAutoPipelining: true,
          enableTelemetry: false,
        })
      : undefined;
  const memory = createMemoryLimiter();
  const limiter = createResilientLimiter({
    primary: redis ? createUpstashLimiter({ redis, timeoutMs }) : memory,
    fallback: memory,
    breakerMs: config.RATE_LIMIT_BREAKER_SECONDS * 1000,
    log: rlLog,
  });
  const strict = createStrictMode({
    store: redis ? createUpstashSignalStore(redis) : createMemorySignalStore(),
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
  return Boolean(config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN);
}
