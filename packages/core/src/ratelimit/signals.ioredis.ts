import type { Redis } from 'ioredis';
import type { ModeState, SignalStore } from './strict-mode';

/**
 * Strict-mode signals and state over RESP, in the same keys and shapes as
 * {@link createUpstashSignalStore}, so containers and Lambda functions sharing
 * one Redis share one mode.
 *
 * @example
 * const store = createIoredisSignalStore(new Redis(config.REDIS_URL));
 */
export function createIoredisSignalStore(redis: Redis, prefix = 'nocturnal:rl:strict'): SignalStore {
  const counter = (window: number) => `${prefix}:signals:${window}`;
  const byClient = (window: number, client: string) => `${prefix}:signals:${window}:by:${client}`;
  const clientsOf = (window: number) => `${prefix}:signals:${window}:clients`;
  const stateKey = `${prefix}:state`;
  const replies = async (p: ReturnType<Redis['pipeline']>) => ((await p.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
  return {
    async increment(window, ttlSeconds, client, perClientCap) {
      const [mine] = await replies(redis.pipeline().incr(byClient(window, client)).expire(byClient(window, client), ttlSeconds));
      const p = redis.pipeline();
      if (Number(mine) <= perClientCap) {
        p.incr(counter(window)).expire(counter(window), ttlSeconds).pfadd(clientsOf(window), client).expire(clientsOf(window), ttlSeconds);
      }
      const out = await replies(p.get(counter(window)).pfcount(clientsOf(window)));
      return { count: Number(out.at(-2) ?? 0), clients: Number(out.at(-1) ?? 0) };
    },
    async count(window) {
      const [count, clients] = await replies(redis.pipeline().get(counter(window)).pfcount(clientsOf(window)));
      return { count: Number(count ?? 0), clients: Number(clients ?? 0) };
    },
    async getState() {
      const raw = await redis.get(stateKey);
      return raw ? (JSON.parse(raw) as ModeState) : null;
    },
    async setState(state, ttlSeconds, onlyIfAbsent) {
      if (onlyIfAbsent) await redis.set(stateKey, JSON.stringify(state), 'EX', ttlSeconds, 'NX');
      else await redis.set(stateKey, JSON.stringify(state), 'EX', ttlSeconds);
    },
  };
}
