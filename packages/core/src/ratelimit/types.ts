/**
 * The rate-limit port: a policy is a count per fixed window; a limiter spends
 * one unit of a key's budget and says whether the request may pass.
 */
export type PolicyName = 'auth' | 'api' | 'uploads' | 'loginFailures';

export interface Policy {
  name: PolicyName;
  limit: number;
  windowSeconds: number;
}

export interface LimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends, epoch milliseconds. */
  reset: number;
  /** Which store decided. */
  store: 'redis' | 'memory';
}

export interface Limiter {
  limit(policy: Policy, key: string): Promise<LimitResult>;
  /** The budget left without spending any. */
  peek(policy: Policy, key: string): Promise<LimitResult>;
  /** Gives the key its whole budget back (a successful login clears its failures). */
  reset(policy: Policy, key: string): Promise<void>;
}

/** A store failed or was too slow: the caller falls back. */
export class LimiterUnavailableError extends Error {
  readonly code = 'LIMITER_UNAVAILABLE';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'LimiterUnavailableError';
  }
}

export type { Clock } from '../clock';
