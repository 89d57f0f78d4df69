/**
 * Strict mode across processes, and graceful degradation when the shared
 * store fails in each of the ways it can: refused, hanging, Redis killed and
 * restarted — each over both transports, Upstash's REST protocol (through the
 * proxy stand-in, as on Lambda) and RESP (straight to Redis, as in containers). Short settings (3 s cool-down, 1 s breaker) keep it quick.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, startUpstashProxy } from '../../packages/standins/src/upstash/index';
import { startTestApi, type TestApi } from '../helpers/api';
import { awayFromWindowEdge, http } from '../helpers/http';
import { spawnApi, type ApiProcess } from '../helpers/process';
import { until } from '../helpers/until';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  expect(api.env.UPSTASH_REDIS_REST_URL, 'the suite needs redis-server on the PATH').toBeDefined();
}, 120_000);
afterAll(() => api?.stop());

const login = (url: string, from: string) =>
  http(`${url}/api/v1/auth/login`, { method: 'POST', from, body: { email: `x${Math.random()}@example.com`, password: 'wrong-password-123' } });
const quota = (res: { headers: Record<string, unknown> }) => Number(/q=(\d+)/.exec(String(res.headers['ratelimit-policy']))?.[1]);

/** Each probe is a failed login, itself a signal to the limiter: poll slowly. */
const POLL = { intervalMs: 200 };

/** The rest of the API's settings, without a shared store: each suite picks its transport. */
const baseEnv = () => {
  const { UPSTASH_REDIS_REST_URL: _url, UPSTASH_REDIS_REST_TOKEN: _token, ...rest } = api.env;
  return rest;
};
/** The shared-store settings of one transport: Upstash's REST protocol (Lambda's) or RESP (containers'). */
const storeEnv = (transport: Transport, url: string, token = 'whatever'): Record<string, string> =>
  transport === 'rest' ? { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } : { REDIS_URL: url };
type Transport = 'rest' | 'resp';

describe.each<Transport>(['rest', 'resp'])('adaptive strict mode (%s)', (transport) => {
  let a: ApiProcess;
  let b: ApiProcess;
  let adminToken: string;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let proxy: Awaited<ReturnType<typeof startUpstashProxy>> | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
    proxy = transport === 'rest' ? await startUpstashProxy({ redisUrl: redis.url, token: 'tok' }) : undefined;
    const env = {
      ...baseEnv(),
      ...storeEnv(transport, proxy?.url ?? redis.url, 'tok'),
      RATE_LIMIT_AUTH: '4/1h',
      // Failed logins and rejections are both signals: 1 probe + 4 failures + 3 rejections = 8.
      RATE_LIMIT_STRICT_THRESHOLD: '8',
      // The probes and the attacker are two clients; strict mode needs signals from at least that many.
      RATE_LIMIT_STRICT_MIN_CLIENTS: '2',
      RATE_LIMIT_STRICT_FACTOR: '0.5',
      RATE_LIMIT_STRICT_COOLDOWN_SECONDS: '3',
      RATE_LIMIT_STATE_CACHE_MS: '200',
      PASSWORD_SCRYPT_LOG_N: '10',
    };
    [a, b] = await Promise.all([spawnApi(env), spawnApi(env)]);
    // An admin: register, promote in the database, log in again for a token with the role.
    const email = `admin-${Date.now()}@example.com`;
    const password = 'correct-horse-battery';
    expect((await http(`${b.url}/api/v1/auth/register`, { method: 'POST', from: '127.0.9.1', body: { email, password } })).status).toBe(201);
    const client = await MongoClient.connect(api.env.MONGODB_URI!);
    await client.db('nocturnal').collection('users').updateOne({ email }, { $set: { role: 'admin' } });
    await client.close();
    const res = await http(`${b.url}/api/v1/auth/login`, { method: 'POST', from: '127.0.9.1', body: { email, password } });
    adminToken = res.body.accessToken;
    if (!adminToken) throw new Error(`admin login: ${res.status} ${res.text}`);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await proxy?.stop();
    await redis?.stop();
  });

  it('switches on under attack on one instance, shows on the other, and switches off after the cool-down', async () => {
    await awayFromWindowEdge(60, 15_000);
    expect(quota(await login(b.url, '127.0.4.1'))).toBe(4);
    const attack = [];
    for (let i = 0; i < 7; i++) attack.push((await login(a.url, '127.0.4.2')).status);
    expect(attack).toEqual([401, 401, 401, 401, 429, 429, 429]);
    const switchedAt = Date.now();
    const strict = await until('strict mode on instance B', () => login(b.url, '127.0.4.3'), { ...POLL, ok: (r) => quota(r) === 2 });
    expect(strict.headers['ratelimit-policy']).toBe('"auth";q=2;w=3600');
    const status = await http(`${b.url}/api/v1/admin/rate-limit`, { token: adminToken, from: '127.0.9.1' });
    expect(status.status).toBe(200);
    expect(status.body.strictMode).toMatchObject({ mode: 'strict', reason: 'auto' });
    await until('normal mode after the cool-down', () => login(b.url, '127.0.4.4'), { ...POLL, ok: (r) => quota(r) === 4 });
    expect(Date.now() - switchedAt).toBeGreaterThanOrEqual(2_500);
  });

  it('an admin sets strict mode by hand for every instance; a user may not', async () => {
    const denied = await http(`${a.url}/api/v1/admin/rate-limit`, { method: 'PUT', body: { mode: 'strict' } });
    expect(denied.status).toBe(401);
    const set = await http(`${b.url}/api/v1/admin/rate-limit`, { method: 'PUT', token: adminToken, from: '127.0.9.1', body: { mode: 'strict', durationSeconds: 60 } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.strictMode).toMatchObject({ mode: 'strict', reason: 'manual' });
    await until('manual strict on instance A', () => login(a.url, '127.0.4.5'), { ...POLL, ok: (r) => quota(r) === 2 });
    await http(`${b.url}/api/v1/admin/rate-limit`, { method: 'PUT', token: adminToken, from: '127.0.9.1', body: { mode: 'normal', durationSeconds: 1 } });
    await until('normal on instance A', () => login(a.url, '127.0.4.6'), { ...POLL, ok: (r) => quota(r) === 4 });
  });
});

describe.each<Transport>(['rest', 'resp'])('graceful degradation (%s)', (transport) => {
  const TIMEOUT_MS = 300;
  // Generous for a loaded 2-core machine, yet far below the client's default ~4.3 s of retries or a hang.
  const MARGIN_MS = 1_700;
  const scheme = transport === 'rest' ? 'http' : 'redis';
  // Each transport's probes come from their own addresses: the in-process limiter of one run never sees the other's.
  const from = (n: number) => `127.0.${transport === 'rest' ? 6 : 8}.${n}`;
  const envFor = (url: string, token = 'whatever') => ({
    ...baseEnv(),
    ...storeEnv(transport, url, token),
    RATE_LIMIT_AUTH: '4/1h',
    RATE_LIMIT_REDIS_TIMEOUT_MS: String(TIMEOUT_MS),
    RATE_LIMIT_BREAKER_SECONDS: '1',
    RATE_LIMIT_STATE_CACHE_MS: '0',
    PASSWORD_SCRYPT_LOG_N: '10',
  });

  /** Six logins: limited by memory (4 pass), none 5xx, each quick; readiness degraded. */
  async function expectMemoryFallback(proc: ApiProcess, from: string) {
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await login(proc.url, from));
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    for (const r of results) expect(r.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    const health = await http(`${proc.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.checks.rateLimit).toMatchObject({ status: 'degraded', store: 'memory' });
  }

  it('the store refusing connections', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const proc = await spawnApi(envFor(`${scheme}://127.0.0.1:${port}`));
    try {
      await expectMemoryFallback(proc, from(1));
      expect(proc.output()).not.toContain('"level":"error"');
    } finally {
      await proc.stop();
    }
  }, 60_000);

  it('the store accepting but never answering', async () => {
    const sockets: Socket[] = [];
    const hang: Server = createServer((s) => {
      sockets.push(s);
      s.on('error', () => undefined);
    });
    hang.listen(0, '127.0.0.1');
    await once(hang, 'listening');
    const proc = await spawnApi(envFor(`${scheme}://127.0.0.1:${(hang.address() as { port: number }).port}`));
    try {
      await expectMemoryFallback(proc, from(2));
    } finally {
      await proc.stop();
      sockets.forEach((s) => s.destroy());
      hang.close();
    }
  }, 60_000);

  it('Redis killed, then back: recovers by itself', async () => {
    const redis = await startRedisServer();
    const proxy = transport === 'rest' ? await startUpstashProxy({ redisUrl: redis.url, token: 'tok' }) : undefined;
    const proc = await spawnApi(envFor(proxy?.url ?? redis.url, 'tok'));
    let restarted: Awaited<ReturnType<typeof startRedisServer>> | undefined;
    try {
      // (A cold first call may exceed the 300 ms budget and trip the breaker: it heals by itself.)
      await until('redis in use', () => http(`${proc.url}/api/v1/health`), { ...POLL, ok: (r) => r.body?.checks?.rateLimit?.store === 'redis' });
      await redis.stop();
      await expectMemoryFallback(proc, from(3));
      restarted = await startRedisServer({ port: redis.port });
      const back = await until('readiness back on redis', () => http(`${proc.url}/api/v1/health`), {
        ...POLL,
        ok: (r) => r.body?.checks?.rateLimit?.store === 'redis',
        timeoutMs: 15_000,
      });
      expect(back.body.status).toBe('ok');
      // Redis decides again: the client the memory limiter had exhausted has a fresh budget there.
      const after = await login(proc.url, from(3));
      expect(after.status).toBe(401);
      expect(after.headers['ratelimit']).toMatch(/r=3;/);
    } finally {
      await proc.stop();
      await proxy?.stop();
      await restarted?.stop();
    }
  }, 90_000);
});
