/**
 * The dependencies alone, from their own client process: how many
 * `findOne({_id})` per second the MongoDB stand-in serves (20 in flight), and
 * the sequential latency of a fixed-window limit check through the Upstash REST
 * proxy against the same command straight to redis-server. These bound and
 * explain the authenticated read's numbers.
 */
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';
import { ready } from '../lib/child';
import { quantile } from '../lib/load';

const env = process.env as Record<string, string>;
const seconds = Number(env.SECONDS ?? 2);

const mongo = await new MongoClient(env.MONGODB_URI!).connect();
const coll = mongo.db('bench-ceiling').collection('users');
const { insertedId } = await coll.insertOne({ email: 'ceiling@example.com', role: 'user', disabled: false });
const readFor = async (ms: number) => {
  let reads = 0;
  const end = Date.now() + ms;
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (Date.now() < end) (await coll.findOne({ _id: insertedId })) && reads++;
  }));
  return reads;
};
await readFor(500); // the pool's 20 connections and the JIT warm up first
const reads = await readFor(seconds * 1000);
await mongo.close();
const info: Record<string, number> = { mongoReadsPerSecond: reads / seconds };

const sequentialP50 = async (call: () => Promise<unknown>, count = Number(env.PROBES ?? 500)) => {
  for (let i = 0; i < 50; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  return quantile(times.sort((a, b) => a - b), 0.5);
};
if (env.UPSTASH_REDIS_REST_URL) {
  const redis = new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN!, retry: { retries: 0 }, enableAutoPipelining: true, enableTelemetry: false });
  const limiter = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(1_000_000, '3600 s'), prefix: 'bench-ceiling', ephemeralCache: new Map(), timeout: 500, analytics: false });
  info.upstashLimitP50 = await sequentialP50(() => limiter.limit('user'));
  const direct = new IORedis(env.REDIS_URL!);
  info.redisIncrP50 = await sequentialP50(() => direct.incr('bench-ceiling:direct'));
  direct.disconnect();
}
ready(info);
process.exit(0);
