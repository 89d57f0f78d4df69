import type { Clock, LimitResult, Limiter, Policy } from './types';

/**
 * A per-process fixed-window limiter: the fallback while Redis is out of
 * reach. Same policies, same windows (aligned to the epoch, like the Redis
 * one), but each process counts alone.
 */
export function createMemoryLimiter(opts: { now?: Clock; maxKeys?: number } = {}): Limiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 100_000;
  const windows = new Map<string, { count: number; reset: number }>();

  const current = (policy: Policy, key: string) => {
    const t = now();
    const size = policy.windowSeconds * 1000;
    const reset = (Math.floor(t / size) + 1) * size;
    const id = `${policy.name}:${key}`;
    let entry = windows.get(id);
    if (!entry || entry.reset !== reset) {
      if (windows.size >= maxKeys) prune(t);
      entry = { count: 0, reset };
      windows.set(id, entry);
    }
    return entry;
  };
  const prune = (t: number) => {
    for (const [id, entry] of windows) if (entry.reset <= t) windows.delete(id);
    // Still full: forget the oldest entries rather than grow without bound.
    for (const id of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(id);
    }
  };
  const result = (policy: Policy, count: number, reset: number, success: boolean): LimitResult => ({
    success,
    limit: policy.limit,
    remaining: Math.max(0, policy.limit - count),
    reset,
    store: 'memory',
  });

  return {
    async limit(policy, key) {
      const entry = current(policy, key);
      entry.count += 1;
      return result(policy, entry.count, entry.reset, entry.count <= policy.limit);
    },
    async peek(policy, key) {
      const entry = current(policy, key);
      return result(policy, entry.count, entry.reset, entry.count < policy.limit);
    },
    async reset(policy, key) {
      windows.delete(`${policy.name}:${key}`);
    },
  };
}
