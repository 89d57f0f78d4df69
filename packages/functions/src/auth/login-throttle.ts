import { isAppError } from '@nocturnal/core/errors';
import { HttpError } from '../errors';
import type { RateLimitService } from '@nocturnal/core/ratelimit/index';
import { rateLimitHeaders } from '../middleware/rate-limit';

/**
 * Runs a login under the per-email failure budget (`RATE_LIMIT_LOGIN_FAILURES`),
 * on top of the per-client `auth` policy: an email that has failed too often
 * answers 429 before any hashing, whatever the client address, and every
 * `INVALID_CREDENTIALS` spends one unit. Unknown emails count like known ones,
 * so the throttle reveals nothing either.
 */
export async function throttleLogin<T>(limits: RateLimitService, email: string, attempt: () => Promise<T>): Promise<T> {
  const { policy, result } = await limits.checkLogin(email);
  if (!result.success) {
    const now = Date.now();
    const retryAfter = Math.max(1, Math.ceil((result.reset - now) / 1000));
    throw new HttpError('RATE_LIMITED', `Too many failed logins for this account: retry in ${retryAfter} s`, {
      headers: { ...rateLimitHeaders(policy, result, now), 'retry-after': String(retryAfter) },
      extensions: { policy: policy.name, limit: policy.limit, windowSeconds: policy.windowSeconds, retryAfter },
    });
  }
  try {
    return await attempt();
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID_CREDENTIALS') await limits.recordLoginFailure(email);
    throw error;
  }
}
