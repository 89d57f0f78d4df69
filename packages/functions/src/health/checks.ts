import { pingMongo } from '@nocturnal/core/db/mongo';
import { headBucket } from '@nocturnal/core/storage/s3';
import type { Check } from '@nocturnal/core/health/readiness';
import { getMongo } from '../clients/mongo';
import { getRateLimits, hasSharedStore } from '../clients/rate-limit';
import { getBucket, getS3 } from '../clients/s3';

/** The readiness checks: MongoDB and the bucket are required; the rate-limit store is not. */
export function readinessChecks(): Record<string, Check> {
  return {
    mongo: { required: true, run: () => pingMongo(getMongo()) },
    bucket: { required: true, run: () => headBucket(getS3(), getBucket()) },
    rateLimit: { required: false, run: checkRateLimitStore },
  };
}

async function checkRateLimitStore(): Promise<Record<string, unknown>> {
  if (!hasSharedStore()) return { status: 'degraded', store: 'memory', reason: 'not configured' };
  const service = getRateLimits();
  // Goes through the breaker: a failure trips it, a success after an outage closes it.
  await service.limiter.peek({ name: 'api', limit: 1, windowSeconds: 1 }, 'health-probe');
  const status = service.limiter.status();
  return status.degraded ? { status: 'degraded', store: 'memory', since: new Date(status.since!).toISOString() } : { store: 'redis' };
}
