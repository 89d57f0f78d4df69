import { pingMongo } from '@nocturnal/core/db/mongo';
import { headBucket } from '@nocturnal/core/storage/s3';
import type { Check } from '@nocturnal/core/health/readiness';
import { Redis } from '@upstash/redis';
import { getMongo } from '../clients/mongo';
import { getBucket, getS3 } from '../clients/s3';
import type { Deps } from '../deps';

/** The readiness checks: MongoDB and the bucket are required; the rate-limit store is not. */
export function readinessChecks(deps: Deps): Record<string, Check> {
  return {
    mongo: { required: true, run: () => pingMongo(getMongo()) },
    bucket: { required: true, run: () => headBucket(getS3(), getBucket()) },
    rateLimit: { required: false, run: () => checkRateLimitStore(deps) },
  };
}

async function checkRateLimitStore(deps: Deps): Promise<Record<string, unknown>> {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = deps.config;
  if (!url || !token) return { status: 'degraded', store: 'memory', reason: 'not configured' };
  await new Redis({ url, token, retry: { retries: 0 } }).ping();
  return { store: 'redis' };
}
