import type { Redis } from '@upstash/redis';
import type { ModeState, SignalStore } from './strict-mode';

/**
 * Strict-mode signals and state in Redis, shared by every instance.
 *
 * @example
 * const store = createUpstashSignalStore(redis);
 */
export function createUpstashSignalStore(redis: Redis, prefix = 'nocturnal:rl:strict'): SignalStore {
  const counter = (window: number) => `${prefix}:signals:${window}`;
  const stateKey = `${prefix}:state`;
  return {
    async increment(window, ttlSeconds) {
      const p = redis.pipeline();
      p.incr(counter(window));
      p.expire(counter(window), ttlSeconds);
      const [count] = await p.exec<[number, number]>();
      return count;
    },
    async count(window) {
      return Number((await redis.get<number>(counter(window))) ?? 0);
    },
    async getState() {
      return (await redis.get<ModeState>(stateKey)) ?? null;
    },
    async setState(state, ttlSeconds, onlyIfAbsent) {
      if (onlyIfAbsent) await redis.set(stateKey, state, { ex: ttlSeconds, nx: true });
      else await redis.set(stateKey, state, { ex: ttlSeconds });
    },
  };
}
