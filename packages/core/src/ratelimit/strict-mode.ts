import type { Logger } from '../logger';
import { withTimeout } from '../timeout';
import type { Clock } from './types';

/** The fleet-wide mode, shared through the signal store. */
export interface ModeState {
  mode: 'strict' | 'normal';
  reason: 'auto' | 'manual';
  /** Epoch ms when this state ends by itself. */
  until: number;
}

/** A window's signals: how many, and from how many distinct clients. */
export interface SignalCount {
  count: number;
  clients: number;
}

/** Where instances share attack signals and the mode (Redis; memory without it). */
export interface SignalStore {
  /**
   * Adds one signal from `client` to the window, unless that client already
   * gave `perClientCap` in it (then nothing is added); resolves the window's count.
   */
  increment(window: number, ttlSeconds: number, client: string, perClientCap: number): Promise<SignalCount>;
  count(window: number): Promise<SignalCount>;
  getState(): Promise<ModeState | null>;
  setState(state: ModeState, ttlSeconds: number, onlyIfAbsent: boolean): Promise<void>;
}

export interface StrictModeStatus {
  mode: 'strict' | 'normal';
  reason?: 'auto' | 'manual';
  until?: number;
  signals: { windowSeconds: number; count: number; threshold: number; clients: number; minClients: number; perClientCap: number };
}

/**
 * Adaptive strict mode. Every rejected request and failed login is a signal
 * from its client (its rate-limit key); one client counts at most
 * `perClientCap` signals per window. When the fleet's signals in one window
 * reach `threshold` and come from at least `minClients` distinct clients, so
 * one client alone can never trip it, the mode turns strict for
 * `cooldownSeconds`, for every instance (each re-reads the shared
 * state at most every `cacheMs`), then turns back by itself. An admin may set
 * either mode by hand; a manual `normal` also holds auto-switching off.
 *
 * @example
 * const strict = createStrictMode({ store, threshold: 1000, windowSeconds: 60, cooldownSeconds: 300, cacheMs: 5000, log });
 * if (await strict.isStrict()) policy = policyFor(policies, 'api', true, 0.2);
 */
export function createStrictMode(opts: {
  store: SignalStore;
  threshold: number;
  windowSeconds: number;
  cooldownSeconds: number;
  cacheMs: number;
  /** Signals one client may add per window (default: no cap). */
  perClientCap?: number;
  /** Distinct clients a window needs before it can turn strict (default 1). */
  minClients?: number;
  /** Bound on every store call: a hanging Redis must not hang requests. */
  timeoutMs?: number;
  log: Logger;
  now?: Clock;
}) {
  const now = opts.now ?? Date.now;
  const perClientCap = opts.perClientCap ?? Number.MAX_SAFE_INTEGER;
  const minClients = opts.minClients ?? 1;
  const bounded = <T>(p: Promise<T>) => withTimeout(p, opts.timeoutMs ?? 500);
  let cached: { state: ModeState | null; at: number } | undefined;
  const windowOf = (t: number) => Math.floor(t / (opts.windowSeconds * 1000));

  const state = async (): Promise<ModeState | null> => {
    const t = now();
    if (cached && t - cached.at < opts.cacheMs) return cached.state;
    try {
      cached = { state: await bounded(opts.store.getState()), at: t };
    } catch {
      // Store unreachable: keep the last known mode rather than flapping.
      cached = { state: cached?.state ?? null, at: t };
    }
    return cached.state;
  };
  const active = (s: ModeState | null): s is ModeState => s !== null && s.until > now();

  return {
    /** The last mode read, without touching the store (used while Redis is down). */
    lastKnown(): boolean {
      const s = cached?.state ?? null;
      return active(s) && s.mode === 'strict';
    },

    async isStrict(): Promise<boolean> {
      const s = await state();
      return active(s) && s.mode === 'strict';
    },

    /** Records one signal of `client`; switches the fleet to strict when the window crosses the threshold. */
    async signal(client = 'unknown'): Promise<void> {
      try {
        const t = now();
        const { count, clients } = await bounded(opts.store.increment(windowOf(t), opts.windowSeconds * 2, client, perClientCap));
        if (count < opts.threshold || clients < minClients) return;
        const current = await state();
        if (active(current)) return;
        const next: ModeState = { mode: 'strict', reason: 'auto', until: t + opts.cooldownSeconds * 1000 };
        // NX only when nothing is stored: an expired state (e.g. a lapsed manual normal) is overwritten.
        await bounded(opts.store.setState(next, opts.cooldownSeconds + 60, current === null));
        cached = undefined;
        opts.log.warn('strict mode on: fleet-wide signals crossed the threshold', { count, clients, threshold: opts.threshold });
      } catch {
        // Signals are best effort; the limiter itself already degraded gracefully.
      }
    },

    async set(mode: 'strict' | 'normal', durationSeconds = opts.cooldownSeconds): Promise<ModeState> {
      const next: ModeState = { mode, reason: 'manual', until: now() + durationSeconds * 1000 };
      await bounded(opts.store.setState(next, durationSeconds + 60, false));
      cached = { state: next, at: now() };
      opts.log.warn(`${mode} mode set by hand`, { durationSeconds });
      return next;
    },

    async status(): Promise<StrictModeStatus> {
      cached = undefined;
      const s = await state();
      const { count, clients } = await bounded(opts.store.count(windowOf(now()))).catch(() => ({ count: 0, clients: 0 }));
      const signals = { windowSeconds: opts.windowSeconds, count, threshold: opts.threshold, clients, minClients, perClientCap };
      if (!active(s) || s.mode === 'normal') {
        return { mode: 'normal', ...(active(s) ? { reason: s.reason, until: s.until } : {}), signals };
      }
      return { mode: 'strict', reason: s.reason, until: s.until, signals };
    },
  };
}

export type StrictMode = ReturnType<typeof createStrictMode>;
