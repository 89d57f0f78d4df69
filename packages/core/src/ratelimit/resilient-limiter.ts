import type { Logger } from '../logger';
import type { Clock, Limiter } from './types';

export interface LimiterStatus {
  store: 'redis' | 'memory';
  degraded: boolean;
  /** Epoch ms when the current outage began. */
  since?: number;
}

export interface ResilientLimiter extends Limiter {
  status(): LimiterStatus;
}

/**
 * Redis first; while Redis fails or is slow, a circuit breaker sends every
 * request to the in-memory limiter for `breakerMs`, then tries Redis again.
 * Requests are limited either way: never waved through, never a 5xx. One
 * warning per breaker period, one info line on recovery.
 *
 * @example
 * const limiter = createResilientLimiter({ primary, fallback: createMemoryLimiter(), breakerMs: 15_000, log });
 */
export function createResilientLimiter(opts: {
  primary: Limiter;
  fallback: Limiter;
  breakerMs: number;
  log: Logger;
  now?: Clock;
}): ResilientLimiter {
  const now = opts.now ?? Date.now;
  let openUntil = 0;
  let lastWarning = -Infinity;
  let since: number | undefined;

  const trip = (reason: string, error?: unknown) => {
    const t = now();
    openUntil = t + opts.breakerMs;
    since ??= t;
    if (t - lastWarning >= opts.breakerMs) {
      lastWarning = t;
      opts.log.warn('rate limiter degraded: using the per-instance memory limiter', {
        reason,
        error: error instanceof Error ? error.message : undefined,
        retryInMs: opts.breakerMs,
      });
    }
  };

  const run = async <T>(op: (l: Limiter) => Promise<T>): Promise<T> => {
    if (now() < openUntil) return op(opts.fallback);
    try {
      const result = await op(opts.primary);
      if (since !== undefined) {
        opts.log.info('rate limiter recovered: back on Redis', { outageMs: now() - since });
        since = undefined;
      }
      return result;
    } catch (error) {
      trip('redis unavailable', error);
      return op(opts.fallback);
    }
  };

  return {
    limit: (policy, key) => run((l) => l.limit(policy, key)),
    peek: (policy, key) => run((l) => l.peek(policy, key)),
    reset: (policy, key) => run((l) => l.reset(policy, key)),
    status: () => (since !== undefined ? { store: 'memory', degraded: true, since } : { store: 'redis', degraded: false }),
  };
}
