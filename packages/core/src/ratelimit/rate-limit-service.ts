import { normaliseEmail } from '../users/email';
import { policyFor, type Policies } from './policies';
import type { ResilientLimiter } from './resilient-limiter';
import type { StrictMode } from './strict-mode';
import type { LimitResult, Policy, PolicyName } from './types';

export interface Decision {
  policy: Policy;
  result: LimitResult;
  strict: boolean;
}

/**
 * The rate-limit use cases: spend a request against a policy (strict-aware,
 * rejected requests feed strict mode), and throttle failed logins per target
 * email so rotating addresses does not help.
 *
 * @example
 * const { result } = await rateLimits.check('api', clientKey({ userId, ip }));
 * if (!result.success) throw new AppError('RATE_LIMITED');
 */
export function createRateLimitService(opts: {
  limiter: ResilientLimiter;
  strict: StrictMode;
  policies: Policies;
  strictFactor: number;
}) {
  // While Redis is out of reach, skip the shared store entirely: no request
  // waits on it twice. The last known mode holds until it is back.
  const degraded = () => opts.limiter.status().degraded;
  const signal = (client: string) => {
    if (!degraded()) void opts.strict.signal(client);
  };
  const current = async (name: PolicyName) => {
    const strict = degraded() ? opts.strict.lastKnown() : await opts.strict.isStrict();
    return { policy: policyFor(opts.policies, name, strict, opts.strictFactor), strict };
  };
  const emailKey = (email: string) => `email:${normaliseEmail(email)}`;

  return {
    async check(name: PolicyName, key: string): Promise<Decision> {
      const { policy, strict } = await current(name);
      const result = await opts.limiter.limit(policy, key);
      if (!result.success) signal(key);
      return { policy, result, strict };
    },

    /**
     * Spends one unit of this email's login budget before its password is
     * checked, atomically in the shared store, so concurrent guesses cannot
     * overrun it; `success: false` means the password must not be checked.
     */
    async spendLogin(email: string, client: string): Promise<Decision> {
      const { policy, strict } = await current('loginFailures');
      const result = await opts.limiter.limit(policy, emailKey(email));
      if (!result.success) signal(client);
      return { policy, result, strict };
    },

    /** A successful login gives the email its budget back. */
    async refundLogin(email: string): Promise<void> {
      const { policy } = await current('loginFailures');
      await opts.limiter.reset(policy, emailKey(email));
    },

    /** A failed login: a strict-mode signal of the client that tried. */
    recordLoginFailure(client: string): void {
      signal(client);
    },

    async status() {
      return { limiter: opts.limiter.status(), strictMode: await opts.strict.status(), policies: opts.policies, strictFactor: opts.strictFactor };
    },

    setMode: (mode: 'strict' | 'normal', durationSeconds?: number) => opts.strict.set(mode, durationSeconds),
    limiter: opts.limiter,
  };
}

export type RateLimitService = ReturnType<typeof createRateLimitService>;
