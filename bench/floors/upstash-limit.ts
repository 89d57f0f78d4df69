/**
 * Floor (d): one @upstash/ratelimit check through @upstash/redis (the REST
 * protocol), the limiter created at init. Inputs: UPSTASH_REDIS_REST_URL, _TOKEN.
 */
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

const limiter = new Ratelimit({
  redis: new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN!, enableTelemetry: false }),
  limiter: Ratelimit.fixedWindow(1_000_000, '60 s'),
  prefix: 'floor',
});

export async function step(): Promise<void> {
  await limiter.limit('floor');
}
