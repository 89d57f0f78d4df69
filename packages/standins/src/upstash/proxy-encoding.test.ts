import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer } from './find-redis-server';
import { startTestUpstash, type TestUpstash } from './test-support';

const redisBin = findRedisServer();
const b64 = (s: string) => Buffer.from(s).toString('base64');
const BASE64 = { 'upstash-encoding': 'base64' };

const TRICKY = [
  'héllo wörld',
  'emoji 🎉😀 and CJK 漢字',
  'nul\u0000inside',
  '\u0080\u00ff latin-1 range',
  '123',
  '-0.5e3',
  '{"a":1,"b":[true,null]}',
  '[1,2]',
  'true',
  'null',
  'OK',
  '',
  'T0s=',
];

describe.skipIf(!redisBin && !process.env.CI)('Upstash proxy: Upstash-Encoding base64', () => {
  let env: TestUpstash;
  let redis: Redis;

  beforeAll(async () => {
    env = await startTestUpstash();
    // Raw strings back: no JSON guessing by the client.
    redis = new Redis({ url: env.url, token: env.token, automaticDeserialization: false, retry: false });
  });
  afterAll(() => env?.stop());

  it('round-trips unicode, NUL, high code points and number/JSON-looking strings', async () => {
    // Act
    for (const [i, value] of TRICKY.entries()) await redis.set(`t:${i}`, value);
    const single = await Promise.all(TRICKY.map((_, i) => redis.get(`t:${i}`)));
    const many = await redis.mget(...TRICKY.map((_, i) => `t:${i}`));
    // Assess
    expect(single).toEqual(TRICKY);
    expect(many).toEqual(TRICKY);
  });

  it('encodes every string at every depth, keeps integers and null, never encodes errors', async () => {
    // Prepare
    await env.call('/pipeline', [['DEL', 'l'], ['RPUSH', 'l', 'é', '1']]);
    // Act
    const nested = await env.call('/', ['EVAL', 'return {1, "a", {2, "é", false}}', 0], BASE64);
    const pipeline = await env.call('/pipeline', [['LRANGE', 'l', 0, -1], ['LLEN', 'l'], ['GET', 'none'], ['INCR', 'l']], BASE64);
    const error = await env.call('/', ['INCR', 'l'], BASE64);
    const ok = await env.call('/', ['SET', 'x', 'y'], BASE64);
    // Assess
    expect(nested.json).toEqual({ result: [1, b64('a'), [2, b64('é'), null]] });
    expect(pipeline.json).toEqual([
      { result: [b64('é'), b64('1')] },
      { result: 2 },
      { result: null },
      { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
    ]);
    expect(error.json).toEqual({ error: 'WRONGTYPE Operation against a key holding the wrong kind of value' });
    expect(ok.json).toEqual({ result: 'OK' });
  });

  it('round-trips raw bytes (invalid UTF-8) posted to the URL form', async () => {
    // Prepare
    const bytes = Buffer.from([0x00, 0x80, 0xff, 0xfe, 0xc3, 0x28, 0x0a]);
    // Act
    const set = await env.call('/set/bin', bytes);
    const got = await env.call('/', ['GET', 'bin'], BASE64);
    const plain = await env.call('/', ['GET', 'bin']);
    // Assess
    expect(set.json).toEqual({ result: 'OK' });
    expect(Buffer.from(got.json.result, 'base64')).toEqual(bytes);
    expect(plain.status).toBe(200);
  });
});
