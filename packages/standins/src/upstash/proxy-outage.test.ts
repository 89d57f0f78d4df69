import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../testing';
import { findRedisServer } from './find-redis-server';
import { startRedisServer, type RunningRedisServer } from './start-redis-server';
import { startUpstashProxy, type RunningUpstashProxy } from './start-upstash-proxy';

const redisBin = findRedisServer();

async function ping(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer t' }, body: '["PING"]' });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

describe.skipIf(!redisBin && !process.env.CI)('Upstash proxy: Redis outage', () => {
  let server: RunningRedisServer | undefined;
  let proxy: RunningUpstashProxy | undefined;
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
  });

  it('answers 503 at once while Redis is down and recovers when it is back', async () => {
    // Prepare
    server = await startRedisServer();
    proxy = await startUpstashProxy({ redisUrl: server.url, token: 't' });
    const client = new Redis({ url: proxy.url, token: 't', retry: false, enableAutoPipelining: false });
    expect((await ping(proxy.url)).status).toBe(200);
    // Act
    await server.stop();
    const down = await ping(proxy.url);
    const clientStarted = Date.now();
    const clientError = await client.get('k').catch((e: Error) => e);
    const clientMs = Date.now() - clientStarted;
    const health = await fetch(`${proxy.url}/health`);
    server = await startRedisServer({ port: server.port });
    const up = await until('the proxy to reach Redis again', () => ping(proxy!.url), {
      timeoutMs: 5_000,
      intervalMs: 100,
      ok: (r) => r.status === 200,
    });
    // Assess
    expect(down.status).toBe(503);
    expect(down.ms).toBeLessThan(1_000);
    expect((clientError as Error).message).toMatch(/redis unavailable/);
    expect(clientMs).toBeLessThan(1_000);
    expect(health.status).toBe(503);
    expect(up.status).toBe(200);
  });
});
