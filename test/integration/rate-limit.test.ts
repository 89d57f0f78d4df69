/**
 * Distributed rate limiting over HTTP, against a real redis-server behind the
 * Upstash REST proxy. Loopback source addresses (127.0.0.x) act as distinct clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../helpers/api';
import { awayFromWindowEdge, http } from '../helpers/http';
import { spawnApi, type ApiProcess } from '../helpers/process';

const HOUR = 3600;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({
    RATE_LIMIT_AUTH: '6/1h',
    RATE_LIMIT_API: '5/1h',
    RATE_LIMIT_LOGIN_FAILURES: '3/1h',
    RATE_LIMIT_UPLOADS: '3/1h',
    // Strict mode stays out of the way of these tests.
    RATE_LIMIT_STRICT_THRESHOLD: '100000',
  });
  expect(api.env.UPSTASH_REDIS_REST_URL, 'the suite needs redis-server on the PATH').toBeDefined();
}, 120_000);
afterAll(() => api?.stop());

const login = (from: string, email: string, headers: Record<string, string> = {}) =>
  http(`${api.url}/api/v1/auth/login`, { method: 'POST', from, headers, body: { email, password: 'wrong-password-123' } });
let seq = 0;
const freshEmail = () => `nobody${++seq}-${Date.now()}@example.com`;

describe('policies', () => {
  it('auth: exactly N of N+k logins per client IP pass, then 429 with headers', async () => {
    await awayFromWindowEdge(HOUR);
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await login('127.0.0.2', freshEmail()));
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expect(results[0]!.headers['ratelimit-policy']).toBe('"auth";q=6;w=3600');
    expect(results[0]!.headers['ratelimit']).toMatch(/^"auth";r=5;t=\d+$/);
    expect(results[5]!.headers['ratelimit']).toMatch(/^"auth";r=0;t=\d+$/);
    const rejected = results[6]!;
    expect(rejected.headers['content-type']).toBe('application/problem+json');
    expect(rejected.body).toMatchObject({ code: 'RATE_LIMITED', status: 429, policy: 'auth' });
    const retryAfter = Number(rejected.headers['retry-after']);
    const t = Number(/t=(\d+)/.exec(String(rejected.headers['ratelimit']))![1]);
    const secondsToWindowEnd = (HOUR * 1000 - (Date.now() % (HOUR * 1000))) / 1000;
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor(secondsToWindowEnd));
    expect(retryAfter).toBeLessThanOrEqual(HOUR);
    expect(t).toBe(retryAfter);
  });

  it('another client IP has its own budget', async () => {
    expect((await login('127.0.0.3', freshEmail())).status).toBe(401);
  });

  it('a client rotating X-Forwarded-For is still limited', async () => {
    await awayFromWindowEdge(HOUR);
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      const spoof = { 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` };
      statuses.push((await login('127.0.0.4', freshEmail(), spoof)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it('failed logins are limited per target email, whatever the client IP', async () => {
    await awayFromWindowEdge(HOUR);
    const email = freshEmail();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(`127.0.1.${i + 1}`, email)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // The per-IP budget of those addresses is untouched for other emails.
    expect((await login('127.0.1.5', freshEmail())).status).toBe(401);
  });

  it("the per-email 429 names its own policy in the RateLimit headers, not the route's", async () => {
    await awayFromWindowEdge(HOUR);
    const email = freshEmail();
    let last;
    for (let i = 0; i < 4; i++) last = await login(`127.0.5.${i + 1}`, email);
    expect(last!.status).toBe(429);
    expect(last!.body.policy).toBe('loginFailures');
    expect(last!.headers['ratelimit-policy']).toBe('"loginFailures";q=3;w=3600');
    expect(last!.headers['ratelimit']).toMatch(/^"loginFailures";r=0;t=\d+$/);
  });

  it('a successful login gives the email its budget back', async () => {
    await awayFromWindowEdge(HOUR);
    const email = freshEmail();
    const password = 'correct-horse-battery';
    expect((await http(`${api.url}/api/v1/auth/register`, { method: 'POST', from: '127.0.6.1', body: { email, password } })).status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await login(`127.0.6.${i + 2}`, email)).status);
    statuses.push((await http(`${api.url}/api/v1/auth/login`, { method: 'POST', from: '127.0.6.4', body: { email, password } })).status);
    for (let i = 0; i < 4; i++) statuses.push((await login(`127.0.6.${i + 5}`, email)).status);
    expect(statuses).toEqual([401, 401, 200, 401, 401, 401, 429]);
  });

  it('api: exactly N requests per user pass, then 429; counted per user, not per IP', async () => {
    await awayFromWindowEdge(HOUR);
    const reg = await http(`${api.url}/api/v1/auth/register`, {
      method: 'POST',
      from: '127.0.2.1',
      body: { email: freshEmail(), password: 'correct-horse-battery' },
    });
    expect(reg.status).toBe(201);
    const token = reg.body.accessToken as string;
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      const res = await http(`${api.url}/api/v1/users/me`, { token, from: `127.0.2.${(i % 3) + 2}` });
      statuses.push(res.status);
      if (i === 0) expect(res.headers['ratelimit-policy']).toBe('"api";q=5;w=3600');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});

describe('uploads policy', () => {
  it('exactly N upload creations per user pass, then 429; other file routes use the api policy', async () => {
    await awayFromWindowEdge(HOUR);
    const reg = await http(`${api.url}/api/v1/auth/register`, {
      method: 'POST',
      from: '127.0.2.20',
      body: { email: freshEmail(), password: 'correct-horse-battery' },
    });
    const token = reg.body.accessToken as string;
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(await http(`${api.url}/api/v1/files`, {
        method: 'POST',
        token,
        from: '127.0.2.21',
        body: { filename: `f${i}.txt`, contentType: 'text/plain', size: 10 },
      }));
    }
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 429, 429]);
    expect(results[0]!.headers['ratelimit-policy']).toBe('"uploads";q=3;w=3600');
    expect(results[3]!.body).toMatchObject({ code: 'RATE_LIMITED', policy: 'uploads' });
    const list = await http(`${api.url}/api/v1/files`, { token, from: '127.0.2.21' });
    expect(list.status).toBe(200);
    expect(list.headers['ratelimit-policy']).toBe('"api";q=5;w=3600');
  });
});

describe('across processes', () => {
  let a: ApiProcess;
  let b: ApiProcess;
  beforeAll(async () => {
    const env = {
      ...api.env,
      RATE_LIMIT_AUTH: '50/1h',
      RATE_LIMIT_LOGIN_FAILURES: '5/1h',
      RATE_LIMIT_STRICT_THRESHOLD: '100000',
      PASSWORD_SCRYPT_LOG_N: '10',
      // 200 requests at once on two cores can take longer than the production 500 ms
      // budget, and a timeout rightly falls back to per-process memory limits: this
      // test is about the shared count, so give Redis the time it needs.
      RATE_LIMIT_REDIS_TIMEOUT_MS: '10000',
    };
    [a, b] = await Promise.all([spawnApi(env), spawnApi(env)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('the per-email budget is exact under concurrency: 20 parallel guesses over two processes check at most 5 passwords', async () => {
    await awayFromWindowEdge(HOUR, 30_000);
    const email = `target-${Date.now()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => http(`${i % 2 ? a.url : b.url}/api/v1/auth/login`, {
        method: 'POST',
        from: `127.0.7.${i + 1}`,
        body: { email, password: 'wrong-password-123' },
      })),
    );
    const counts = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    // A 401 is a password that was checked; a 429 was refused before any hashing.
    expect(counts).toEqual({ 401: 5, 429: 15 });
  });

  it('200 concurrent requests, limit 50, two server processes sharing one Redis → exactly 50 pass', async () => {
    await awayFromWindowEdge(HOUR, 30_000);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => http(`${i % 2 ? a.url : b.url}/api/v1/auth/login`, {
        method: 'POST',
        from: '127.0.3.1',
        body: { email: `c${i}-${Date.now()}@example.com`, password: 'wrong-password-123' },
      })),
    );
    const counts = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 401: 50, 429: 150 });
    for (const proc of [a, b]) {
      const health = await http(`${proc.url}/api/v1/health`);
      expect(health.body.checks.rateLimit.store, 'Redis decided every request').toBe('redis');
    }
  });
});
