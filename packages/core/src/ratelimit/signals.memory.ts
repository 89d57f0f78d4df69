import type { ModeState, SignalCount, SignalStore } from './strict-mode';
import type { Clock } from './types';

/** Strict-mode signals for a single process (no Redis configured). */
export function createMemorySignalStore(now: Clock = Date.now): SignalStore {
  const windows = new Map<number, { count: number; byClient: Map<string, number> }>();
  let state: { value: ModeState; expires: number } | undefined;
  const counted = (w?: { count: number; byClient: Map<string, number> }): SignalCount => ({
    count: w?.count ?? 0,
    clients: w?.byClient.size ?? 0,
  });
  return {
    async increment(window, _ttl, client, perClientCap) {
      for (const w of windows.keys()) if (w < window - 1) windows.delete(w);
      let w = windows.get(window);
      if (!w) windows.set(window, (w = { count: 0, byClient: new Map() }));
      const mine = (w.byClient.get(client) ?? 0) + 1;
      if (mine <= perClientCap) {
        w.byClient.set(client, mine);
        w.count += 1;
      }
      return counted(w);
    },
    async count(window) {
      return counted(windows.get(window));
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
