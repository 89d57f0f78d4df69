import { HttpError } from '../errors';
import { clientKey, type LimitResult, type Policy, type PolicyName, type RateLimitService } from '@nocturnal/core/ratelimit/index';
import type { Metrics } from '@nocturnal/core/observability/metrics';
import { sourceIp, stateOf, type ChainMiddleware } from '../request-state';

/**
 * Applies the route's policy before the handler: keyed by the user when a
 * token was verified, else by `requestContext.http.sourceIp` (never a
 * client-supplied header). Every response carries the IETF `RateLimit-Policy`
 * and `RateLimit` headers; a rejected request gets 429 and `Retry-After`.
 * Each check records the limiter's state (degraded, strict) in the metrics.
 */
export function rateLimit(opts: {
  policy: PolicyName;
  service: () => RateLimitService;
  metrics: Metrics;
  now?: () => number;
}): ChainMiddleware {
  const now = opts.now ?? Date.now;
  return {
    before: async function rateLimitBefore(request) {
      const state = stateOf(request);
      const key = clientKey({ userId: state.auth?.userId, ip: sourceIp(request.event) });
      const service = opts.service();
      const { policy, result, strict } = await service.check(opts.policy, key);
      opts.metrics.limiterState({ degraded: service.limiter.status().degraded, strict });
      const headers = rateLimitHeaders(policy, result, now());
      Object.assign(state.responseHeaders, headers);
      if (!result.success) {
        const retryAfter = secondsUntil(result.reset, now());
        throw new HttpError('RATE_LIMITED', `Rate limit "${policy.name}" exceeded: retry in ${retryAfter} s`, {
          headers: { ...headers, 'retry-after': String(retryAfter) },
          extensions: { policy: policy.name, limit: policy.limit, windowSeconds: policy.windowSeconds, retryAfter },
        });
      }
    },
  };
}

/** `RateLimit-Policy: "api";q=100;w=60` and `RateLimit: "api";r=99;t=42` (draft-ietf-httpapi-ratelimit-headers). */
export function rateLimitHeaders(policy: Policy, result: LimitResult, now: number): Record<string, string> {
  return {
    'ratelimit-policy': `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`,
    ratelimit: `"${policy.name}";r=${result.remaining};t=${secondsUntil(result.reset, now)}`,
  };
}

/** Whole seconds until `reset`, rounded up so a client never retries early. */
function secondsUntil(reset: number, now: number): number {
  return Math.max(1, Math.ceil((reset - now) / 1000));
}
