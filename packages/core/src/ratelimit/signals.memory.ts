import type { ModeState, SignalStore } from './strict-mode';
import type { Clock } from './types';

/** Strict-mode signals for a single process (no Redis configured). */
export function createMemorySignalStore(now: Clock = Date.now): SignalStore {
  const counts = new Map<number, number>();
  let state: { value: ModeState; expires: number } | undefined;
  return {
    async increment(window) {
      for (const w of counts.keys()) if (w < window - 1) counts.delete(w);
      const next = (counts.get(window) ?? 0) + 1;
      counts.set(window, next);
      return next;
    },
    async count(window) {
      return counts.get(window) ?? 0;
    },
    async getState() {
      return state && state.expires > now() ? state.value : null;
    },
    async setState(value, ttlSeconds, onlyIfAbsent) {
      if (onlyIfAbsent && state && state.expires > now()) return;
      state = { value, expires: now() + ttlSeconds * 1000 };
    },
  };
}
