import { isAppError } from '@nocturnal/core/errors';
import { HttpError } from '../errors';
import type { RateLimitService } from '@nocturnal/core/ratelimit/index';
import { rateLimitHeaders } from '../middleware/rate-limit';

/**
 * Runs a login under the per-email budget (`RATE_LIMIT_LOGIN_FAILURES`), on
 * top of the per-client `auth` policy. Every attempt spends one unit before
 * the password is checked (atomic in the shared store, so N concurrent
 * guesses check at most the budget's passwords); an exhausted email answers
 * 429 before any hashing, whatever the client address; a successful login
 * gives the budget back. Unknown emails count like known ones, so the
 * throttle reveals nothing either.
 */
export async function throttleLogin<T>(limits: RateLimitService, email: string, client: string, attempt: () => Promise<T>): Promise<T> {
  const { policy, result } = await limits.spendLogin(email, client);
  if (!result.success) {
    const now = Date.now();
    const retryAfter = Math.max(1, Math.ceil((result.reset - now) / 1000));
    throw new HttpError('RATE_LIMITED', `Too many failed logins for this account: retry in ${retryAfter} s`, {
      headers: { ...rateLimitHeaders(policy, result, now), 'retry-after': String(retryAfter) },
      extensions: { policy: policy.name, limit: policy.limit, windowSeconds: policy.windowSeconds, retryAfter },
    });
  }
  let session: T;
  try {
    session = await attempt();
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_CREDENTIALS') limits.recordLoginFailure(client);
    throw error;
  }
  await limits.refundLogin(email);
  return session;
}
