import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer } from './find-redis-server';
import { startTestUpstash, type TestUpstash } from './test-support';

const redisBin = findRedisServer();

describe.skipIf(!redisBin && !process.env.CI)('Upstash proxy: commands through @upstash/redis', () => {
  let env: TestUpstash;
  let redis: Redis;

  beforeAll(async () => {
    env = await startTestUpstash();
    redis = new Redis({ url: env.url, token: env.token, retry: false });
  });
  afterAll(() => env?.stop());

  it('runs string, counter, hash and list commands', async () => {
    // Act
    await redis.set('str', 'hello', { ex: 60 });
    const str = await redis.get<string>('str');
    const ttl = await redis.ttl('str');
    const counters = [await redis.incr('n'), await redis.incrby('n', 41)];
    await redis.hset('user:1', { name: 'Ada', age: 36 });
    const user = await redis.hgetall('user:1');
    await redis.rpush('list', 'a', 'b', 'c');
    const list = await redis.lrange('list', 0, -1);
    const missing = await redis.get('nope');
    // Assess
    expect(str).toBe('hello');
    expect(ttl).toBeGreaterThan(0);
    expect(counters).toEqual([1, 42]);
    expect(user).toEqual({ name: 'Ada', age: 36 });
    expect(list).toEqual(['a', 'b', 'c']);
    expect(missing).toBeNull();
  });

  it('runs an explicit pipeline and auto-pipelined commands', async () => {
    // Act
    const piped = await redis.pipeline().set('p1', 'v1').incr('p2').get('p1').exec();
    const auto = new Redis({ url: env.url, token: env.token, enableAutoPipelining: true, retry: false });
    const results = await Promise.all([auto.set('a1', 'x'), auto.incr('a2'), auto.incr('a2'), auto.get('a1')]);
    // Assess
    expect(piped).toEqual(['OK', 1, 'v1']);
    expect(results).toEqual(['OK', 1, 2, 'x']);
  });

  it('keeps a per-command error inside a 200 pipeline', async () => {
    // Act
    const kept = await redis.pipeline().set('s', 'text').incr('s').get('s').exec({ keepErrors: true });
    const thrown = await redis.pipeline().set('s', 'text').incr('s').exec().catch((e: Error) => e);
    const raw = await env.call('/pipeline', [['SET', 's', 'text'], ['INCR', 's']]);
    // Assess
    expect(kept[1]?.error).toMatch(/^ERR value is not an integer/);
    expect(kept[2]?.result).toBe('text');
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/incr.*not an integer/i);
    expect(raw).toEqual({ status: 200, json: [{ result: 'OK' }, { error: 'ERR value is not an integer or out of range' }] });
  });

  it('runs MULTI/EXEC transactions, 400 when Redis aborts one', async () => {
    // Act
    const tx = await redis.multi().set('t', '1').incr('t').get('t').exec();
    const aborted = await env.call('/multi-exec', [['SET', 't', '1'], ['SET', 't']]);
    // Assess
    expect(tx).toEqual(['OK', 2, 2]);
    expect(aborted.status).toBe(400);
    expect(aborted.json.error).toMatch(/^EXECABORT/);
  });

  it('answers a command error with 400 and {error}', async () => {
    // Act
    const raw = await env.call('/', ['HGET', 'str']);
    const client = await redis.hget('str', 'f').catch((e: Error) => e);
    // Assess
    expect(raw.status).toBe(400);
    expect(raw.json.error).toMatch(/^ERR wrong number of arguments/);
    expect((client as Error).message).toMatch(/WRONGTYPE/);
  });

  it('relays integers exactly and accepts the URL form with query arguments', async () => {
    // Act
    const big = await fetch(env.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.token}` },
      body: '["INCRBY", "big", "9007199254740993"]',
    });
    const bigText = await fetch(`${env.url}/get/big?_token=${env.token}`).then((r) => r.text());
    const set = await env.call('/set/path%20key/some%2Fvalue?EX=100');
    const get = await env.call('/get/path%20key');
    const ttl = await env.call('/ttl/path%20key');
    // Assess
    expect(await big.text()).toBe('{"result":9007199254740993}');
    expect(bigText).toBe('{"result":"9007199254740993"}');
    expect(set.json).toEqual({ result: 'OK' });
    expect(get.json).toEqual({ result: 'some/value' });
    expect(ttl.json.result).toBeGreaterThan(90);
  });

  it('does not let a blocking command stall other requests', async () => {
    // Act
    const blocked = env.call('/', ['BLPOP', 'queue', '5']);
    const started = Date.now();
    const quick = await env.call('/', ['PING']);
    const quickMs = Date.now() - started;
    await env.call('/', ['RPUSH', 'queue', 'job']);
    // Assess
    expect(quick.json).toEqual({ result: 'PONG' });
    expect(quickMs).toBeLessThan(1_000);
    expect((await blocked).json).toEqual({ result: ['queue', 'job'] });
  });
});
