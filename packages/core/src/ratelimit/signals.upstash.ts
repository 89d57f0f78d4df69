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
  const byClient = (window: number, client: string) => `${prefix}:signals:${window}:by:${client}`;
  const clientsOf = (window: number) => `${prefix}:signals:${window}:clients`;
  const stateKey = `${prefix}:state`;
  return {
    async increment(window, ttlSeconds, client, perClientCap) {
      const own = redis.pipeline();
      own.incr(byClient(window, client));
      own.expire(byClient(window, client), ttlSeconds);
      const [mine] = await own.exec<[number, number]>();
      const p = redis.pipeline();
      if (mine <= perClientCap) {
        p.incr(counter(window));
        p.expire(counter(window), ttlSeconds);
        p.pfadd(clientsOf(window), client);
        p.expire(clientsOf(window), ttlSeconds);
      }
      p.get(counter(window));
      p.pfcount(clientsOf(window));
      const replies = await p.exec<unknown[]>();
      return { count: Number(replies.at(-2) ?? 0), clients: Number(replies.at(-1) ?? 0) };
    },
    async count(window) {
      const p = redis.pipeline();
      p.get(counter(window));
      p.pfcount(clientsOf(window));
      const [count, clients] = await p.exec<[number | null, number]>();
      return { count: Number(count ?? 0), clients: Number(clients ?? 0) };
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
