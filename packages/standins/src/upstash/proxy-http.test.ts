import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer } from './find-redis-server';
import { startUpstashProxy, type RunningUpstashProxy } from './start-upstash-proxy';
import { startTestUpstash, type TestUpstash } from './test-support';

const redisBin = findRedisServer();

describe.skipIf(!redisBin && !process.env.CI)('Upstash proxy: HTTP contract', () => {
  let env: TestUpstash;

  beforeAll(async () => {
    env = await startTestUpstash();
  });
  afterAll(() => env?.stop());

  it('answers 401 WRONGPASS for a missing or wrong token, through the client too', async () => {
    // Prepare
    const wrong = new Redis({ url: env.url, token: 'wrong', retry: false });
    // Act
    const missing = await fetch(env.url, { method: 'POST', body: '["PING"]' });
    const bad = await env.call('/', ['PING'], { authorization: 'Bearer wrong' });
    const viaClient = await wrong.get('k').catch((e: Error) => e);
    // Assess
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: 'WRONGPASS invalid or missing auth token' });
    expect(bad.status).toBe(401);
    expect((viaClient as Error).message).toMatch(/WRONGPASS/);
  });

  it('answers 400 for bodies that are not commands and for refused commands', async () => {
    // Act
    const notJson = await env.call('/', Buffer.from('["GET", '));
    const notArray = await env.call('/', { cmd: 'GET' });
    const badArg = await env.call('/', ['SET', 'k', { nested: true }]);
    const emptyPipeline = await env.call('/pipeline', []);
    const refused = await env.call('/pipeline', [['SELECT', '1']]);
    const unknown = await env.call('/', ['NOSUCHCOMMAND']);
    // Assess
    for (const res of [notJson, notArray, badArg, emptyPipeline, refused, unknown]) {
      expect(res.status).toBe(400);
      expect(typeof res.json.error).toBe('string');
    }
    expect(refused.json.error).toBe('ERR Command is not allowed: select');
  });

  it('answers 405 for other methods and 404 for paths that are not commands', async () => {
    // Act
    const del = await fetch(env.url, { method: 'DELETE', headers: { authorization: `Bearer ${env.token}` } });
    const pipelineGet = await env.call('/pipeline');
    const notFound = await env.call('/%20weird');
    // Assess
    expect(del.status).toBe(405);
    expect(pipelineGet.status).toBe(405);
    expect(notFound.status).toBe(404);
  });

  it('serves /health without a token', async () => {
    // Act
    const res = await fetch(`${env.url}/health`);
    // Assess
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: 'PONG' });
  });

  describe('with a small body limit', () => {
    let small: RunningUpstashProxy;
    beforeAll(async () => {
      small = await startUpstashProxy({ redisUrl: env.server.url, token: env.token, maxBodyBytes: 1_024 });
    });
    afterAll(() => small?.stop());

    it('answers 413 above the limit and serves the next request', async () => {
      // Act
      const big = await fetch(small.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.token}` },
        body: JSON.stringify(['SET', 'k', 'x'.repeat(2_048)]),
      });
      const next = await fetch(small.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.token}` },
        body: '["PING"]',
      });
      // Assess
      expect(big.status).toBe(413);
      expect(next.status).toBe(200);
    });
  });
});
