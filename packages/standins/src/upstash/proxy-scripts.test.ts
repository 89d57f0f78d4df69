import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer } from './find-redis-server';
import { scriptSha1 } from '@nocturnal/core/ratelimit/script-shebang';
import { startTestUpstash, type TestUpstash } from './test-support';

const redisBin = findRedisServer();
const FLAGGED = "#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])";

/** Redis' own count of NOSCRIPT replies (INFO errorstats). */
async function noscriptCount(env: TestUpstash): Promise<number> {
  const { json } = await env.call('/', ['INFO', 'errorstats']);
  return Number(/errorstat_NOSCRIPT:count=(\d+)/.exec(json.result)?.[1] ?? 0);
}

/** Waits, if needed, so a burst does not straddle a fixed-window boundary. */
async function awayFromWindowEdge(windowMs: number): Promise<void> {
  const into = Date.now() % windowMs;
  if (into > windowMs - 2_000) await new Promise((r) => setTimeout(r, windowMs - into + 50));
}

describe.skipIf(!redisBin && !process.env.CI)('Upstash proxy: scripts with Upstash-only flags', () => {
  let env: TestUpstash;

  beforeAll(async () => {
    env = await startTestUpstash();
  });
  afterAll(() => env?.stop());

  it('answers NOSCRIPT for an unknown flagged hash, then serves it after EVAL registers it', async () => {
    // Prepare
    const sha = scriptSha1(FLAGGED);
    // Act
    const before = await env.call('/', ['EVALSHA', sha, 1, 'calls']);
    const evaluated = await env.call('/', ['EVAL', FLAGGED, 1, 'calls']);
    const after = await env.call('/', ['EVALSHA', sha, 1, 'calls']);
    const inPipeline = await env.call('/pipeline', [['EVALSHA', sha, 1, 'calls'], ['EVALSHA_RO', sha, 1, 'calls']]);
    const inTransaction = await env.call('/multi-exec', [['EVALSHA', sha, 1, 'calls']]);
    // Assess
    expect(before.status).toBe(400);
    expect(before.json.error).toMatch(/^NOSCRIPT/);
    expect(evaluated.json).toEqual({ result: 1 });
    expect(after.json).toEqual({ result: 2 });
    expect(inPipeline.json[0]).toEqual({ result: 3 });
    // A shebang script without `no-writes` may not run read-only: Redis' own rule, relayed.
    expect(inPipeline.json[1].error).toMatch(/^ERR Can not execute a script with write flag/);
    expect(inTransaction.json).toEqual([{ result: 4 }]);
  });

  it('returns the original hash from SCRIPT LOAD and reports it in SCRIPT EXISTS', async () => {
    // Prepare
    const script = "#!lua flags=no-writes,allow-key-locking\nreturn 'loaded'";
    const sha = scriptSha1(script);
    // Act
    const loaded = await env.call('/', ['SCRIPT', 'LOAD', script]);
    const exists = await env.call('/', ['SCRIPT', 'EXISTS', sha, 'f'.repeat(40)]);
    const ran = await env.call('/', ['EVALSHA_RO', sha, 0]);
    // Assess
    expect(loaded.json).toEqual({ result: sha });
    expect(exists.json).toEqual({ result: [1, 0] });
    expect(ran.json).toEqual({ result: 'loaded' });
  });

  it.each([
    ['fixedWindow', () => Ratelimit.fixedWindow(50, '10 s')],
    ['tokenBucket', () => Ratelimit.tokenBucket(1, '1 m', 50)],
  ])('%s lets exactly 50 of 200 concurrent calls through, without repeated NOSCRIPT', async (name, limiter) => {
    // Prepare
    const redis = new Redis({ url: env.url, token: env.token, retry: false });
    const ratelimit = new Ratelimit({
      redis,
      limiter: limiter(),
      prefix: `rl-test-${name}`,
      ephemeralCache: false,
      analytics: false,
      timeout: 0,
    });
    const noscriptInitially = await noscriptCount(env);
    await ratelimit.limit('warm-up'); // first call: EVALSHA → NOSCRIPT → EVAL
    const noscriptBefore = await noscriptCount(env);
    await awayFromWindowEdge(10_000);
    // Act
    const results = await Promise.all(Array.from({ length: 200 }, () => ratelimit.limit('user-1')));
    // Assess
    expect(results.filter((r) => r.success)).toHaveLength(50);
    expect(results.every((r) => r.reason !== 'timeout')).toBe(true);
    expect(noscriptBefore).toBeGreaterThan(noscriptInitially);
    expect(await noscriptCount(env)).toBe(noscriptBefore);
  });
});
