import { pingMongo } from '@nocturnal/core/db/mongo';
import { headBucket } from '@nocturnal/core/storage/s3';
import type { Check } from '@nocturnal/core/health/readiness';
import { mongoClient } from '../clients/mongo';
import { hasSharedStore, rateLimits } from '../clients/rate-limit';
import { bucketOf, s3Client } from '../clients/s3';
import type { Runtime } from '../runtime';

/** The readiness checks: MongoDB and the bucket are required; the rate-limit store is not. */
export function readinessChecks(runtime: Runtime): Record<string, Check> {
  return {
    mongo: { required: true, run: () => pingMongo(runtime.get(mongoClient)) },
    bucket: { required: true, run: () => headBucket(runtime.get(s3Client), bucketOf(runtime)) },
    rateLimit: { required: false, run: () => checkRateLimitStore(runtime) },
  };
}

async function checkRateLimitStore(runtime: Runtime): Promise<Record<string, unknown>> {
  if (!hasSharedStore(runtime)) return { status: 'degraded', store: 'memory', reason: 'not configured' };
  const service = runtime.get(rateLimits);
  // Goes through the breaker: a failure trips it, a success after an outage closes it.
  await service.limiter.peek({ name: 'api', limit: 1, windowSeconds: 1 }, 'health-probe');
  const status = service.limiter.status();
  return status.degraded ? { status: 'degraded', store: 'memory', since: new Date(status.since!).toISOString() } : { store: 'redis' };
}
