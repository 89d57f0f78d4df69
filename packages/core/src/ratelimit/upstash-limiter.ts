import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { withTimeout } from '../timeout';
import { LimiterUnavailableError, type LimitResult, type Limiter, type Policy } from './types';

/**
 * The shared limiter: `@upstash/ratelimit` fixed windows in Redis, exact
 * across any number of instances. Create it once per process (outside the
 * handler) so the ephemeral cache of blocked keys survives warm invocations.
 * A timeout or a Redis error rejects with {@link LimiterUnavailableError}
 * instead of waving the request through.
 *
 * @example
 * const limiter = createUpstashLimiter({ redis, timeoutMs: 300 });
 * const { success } = await limiter.limit({ name: 'api', limit: 100, windowSeconds: 60 }, 'user:42');
 */
export function createUpstashLimiter(opts: { redis: Redis; timeoutMs: number; prefix?: string }): Limiter {
  const prefix = opts.prefix ?? 'nocturnal:rl';
  const instances = new Map<string, Ratelimit>();
  const caches = new Map<string, Map<string, number>>();

  const ratelimit = (policy: Policy) => {
    const id = `${policy.name}:${policy.limit}:${policy.windowSeconds}`;
    let rl = instances.get(id);
    if (!rl) {
      // Normal and strict variants share the counters (same prefix) and the cache.
      let cache = caches.get(policy.name);
      if (!cache) caches.set(policy.name, (cache = new Map()));
      rl = new Ratelimit({
        redis: opts.redis,
        limiter: Ratelimit.fixedWindow(policy.limit, `${policy.windowSeconds} s`),
        prefix: `${prefix}:${policy.name}`,
        ephemeralCache: cache,
        timeout: opts.timeoutMs,
        analytics: false,
      });
      instances.set(id, rl);
    }
    return rl;
  };

  return {
    async limit(policy, key) {
      let res;
      try {
        res = await ratelimit(policy).limit(key);
      } catch (error) {
        throw new LimiterUnavailableError('redis error', { cause: error });
      }
      // On timeout the library lets the request pass; we fall back instead.
      if (res.reason === 'timeout') throw new LimiterUnavailableError('redis timeout');
      void res.pending.catch(() => undefined);
      return toResult(policy, res.success, res.remaining, res.reset);
    },
    async reset(policy, key) {
      try {
        await withTimeout(ratelimit(policy).resetUsedTokens(key), opts.timeoutMs);
      } catch (error) {
        throw new LimiterUnavailableError('redis unavailable', { cause: error });
      }
    },
    async peek(policy, key) {
      try {
        const res = await withTimeout(ratelimit(policy).getRemaining(key), opts.timeoutMs);
        return toResult(policy, res.remaining > 0, res.remaining, res.reset);
      } catch (error) {
        throw new LimiterUnavailableError('redis unavailable', { cause: error });
      }
    },
  };
}

function toResult(policy: Policy, success: boolean, remaining: number, reset: number): LimitResult {
  return { success, limit: policy.limit, remaining: Math.max(0, remaining), reset, store: 'redis' };
}
