/**
 * The RESP transport against a real redis-server, beside the REST transport
 * (the Upstash proxy stand-in in front of the same Redis): one count and one
 * strict mode for both, as Lambda and containers sharing a Redis need.
 */
import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, startUpstashProxy, type RunningRedisServer, type RunningUpstashProxy } from '@nocturnal/standins/upstash/index';
import { createLogger } from '../logger';
import { ratelimitRedisOverResp } from './redis-resp';
import { createIoredisSignalStore } from './signals.ioredis';
import { createUpstashSignalStore } from './signals.upstash';
import { createStrictMode } from './strict-mode';
import { createUpstashLimiter } from './upstash-limiter';

let server: RunningRedisServer;
let proxy: RunningUpstashProxy;
let resp: Redis;
let rest: UpstashRedis;
beforeAll(async () => {
  server = await startRedisServer();
  proxy = await startUpstashProxy({ redisUrl: server.url, token: 't' });
  resp = new Redis(server.url, { maxRetriesPerRequest: 0 });
  rest = new UpstashRedis({ url: proxy.url, token: 't', retry: { retries: 0 }, enableTelemetry: false });
}, 60_000);
afterAll(async () => {
  resp?.disconnect();
  await proxy?.stop();
  await server?.stop();
});

const policy = (name: 'api' | 'auth', limit: number) => ({ name, limit, windowSeconds: 3600 });

describe('@upstash/ratelimit over RESP', () => {
  it('lets exactly N of N + k through', async () => {
    const limiter = createUpstashLimiter({ redis: ratelimitRedisOverResp(resp), timeoutMs: 2_000, prefix: 'test:a' });
    const results = [];
    for (let i = 0; i < 8; i++) results.push((await limiter.limit(policy('api', 5), 'k1')).success);
    expect(results).toEqual([true, true, true, true, true, false, false, false]);
    expect(await limiter.peek(policy('api', 5), 'k1')).toMatchObject({ remaining: 0, store: 'redis' });
  });

  it('shares one count with the REST transport: same scripts, same keys', async () => {
    const overResp = createUpstashLimiter({ redis: ratelimitRedisOverResp(resp), timeoutMs: 2_000, prefix: 'test:shared' });
    const overRest = createUpstashLimiter({ redis: rest, timeoutMs: 2_000, prefix: 'test:shared' });
    const passed = [];
    for (let i = 0; i < 12; i++) passed.push((await (i % 2 ? overResp : overRest).limit(policy('api', 10), 'client')).success);
    expect(passed.filter(Boolean)).toHaveLength(10);
    expect(passed.slice(10)).toEqual([false, false]);
  });

  it('survives a script cache flush (NOSCRIPT → EVAL) and resets a key', async () => {
    const limiter = createUpstashLimiter({ redis: ratelimitRedisOverResp(resp), timeoutMs: 2_000, prefix: 'test:flush' });
    expect((await limiter.limit(policy('auth', 2), 'k')).success).toBe(true);
    await resp.script('FLUSH');
    expect((await limiter.limit(policy('auth', 2), 'k')).success).toBe(true);
    expect((await limiter.limit(policy('auth', 2), 'k')).success).toBe(false);
    await limiter.reset(policy('auth', 2), 'k');
    expect((await limiter.limit(policy('auth', 2), 'k')).success).toBe(true);
  });
});

describe('strict-mode signals over RESP', () => {
  it('counts per client with the cap, in the keys the REST store reads', async () => {
    const overResp = createIoredisSignalStore(resp, 'test:strict');
    const overRest = createUpstashSignalStore(rest, 'test:strict');
    for (let i = 0; i < 7; i++) await overResp.increment(42, 60, 'ip:a', 3);
    await overRest.increment(42, 60, 'ip:b', 3);
    expect(await overResp.count(42)).toEqual({ count: 4, clients: 2 });
    expect(await overRest.count(42)).toEqual({ count: 4, clients: 2 });
  });

  it('one strict mode for both transports', async () => {
    const log = createLogger({ level: 'silent' });
    const opts = { threshold: 1, windowSeconds: 60, cooldownSeconds: 30, cacheMs: 0, log };
    const a = createStrictMode({ ...opts, store: createIoredisSignalStore(resp, 'test:mode') });
    const b = createStrictMode({ ...opts, store: createUpstashSignalStore(rest, 'test:mode') });
    await a.set('strict', 60);
    expect(await b.isStrict()).toBe(true);
    await b.set('normal', 60);
    expect(await a.isStrict()).toBe(false);
  });
});
