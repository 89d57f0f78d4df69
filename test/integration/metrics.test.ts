/**
 * What the chain records, read back from the container's prom-client adapter
 * after real requests to the API in-process: requests per route and their
 * class, the latency histogram, 429s by policy, cold starts, revocation
 * refusals, and the limiter's gauges (strict mode set by an admin, degraded
 * once Redis is stopped). Redis (RESP, as containers use it) and S3 are this
 * file's own, so each can be stopped; counts are exact differences between
 * two scrapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../packages/core/src/observability/metrics';
import { createPrometheusMetrics } from '../../packages/server/src/metrics/prometheus-metrics';
import { readSamples, sampleValue, type Sample } from '../../packages/server/src/metrics/samples';
import { startS3, type RunningS3 } from '../../packages/standins/src/s3/index';
import { startRedisServer, type RunningRedisServer } from '../../packages/standins/src/upstash/index';
import { startTestApi, type TestApi } from '../helpers/api';
import { PASSWORD, setRole, uniqueEmail } from '../helpers/auth';
import { request, type Reply } from '../helpers/http';
import { until } from '../helpers/until';

const m = METRICS;
const { metrics, registry } = createPrometheusMetrics({ stage: 'test' });
let api: TestApi;
let redis: RunningRedisServer;
let s3: RunningS3;
beforeAll(async () => {
  [redis, s3] = await Promise.all([startRedisServer(), startS3()]);
  api = await startTestApi(
    {
      REDIS_URL: redis.url,
      S3_ENDPOINT: s3.endpoint,
      BUCKET_NAME: s3.bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_REGION: 'us-east-1',
      // Per client address: each user below signs up and logs in from its own.
      RATE_LIMIT_AUTH: '2/1m',
      RATE_LIMIT_STATE_CACHE_MS: '100',
      RATE_LIMIT_REDIS_TIMEOUT_MS: '200',
    },
    { metrics },
  );
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await Promise.all([redis?.stop(), s3?.stop()]);
});

const scrape = async () => readSamples(await registry.metrics());
/** What `name{labels}` grew by between two scrapes. */
const grew = (before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}) =>
  sampleValue(after, name, labels) - sampleValue(before, name, labels);

let address = 0;
/** A fresh client address on loopback, so one user's sign-up does not spend another's auth budget. */
const nextAddress = () => `127.0.31.${++address}`;
const send = (method: string, path: string, opts: { token?: string; body?: unknown; from?: string } = {}): Promise<Reply> =>
  request(method, `${api.url}${path}`, opts);

async function signUp(role?: 'admin'): Promise<{ accessToken: string; user: { id: string } }> {
  const from = nextAddress();
  const email = uniqueEmail('metrics');
  const reg = await send('POST', '/api/v1/auth/register', { from, body: { email, password: PASSWORD } });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${reg.text}`);
  if (!role) return reg.body;
  await setRole(api, reg.body.user.id, role);
  const login = await send('POST', '/api/v1/auth/login', { from, body: { email, password: PASSWORD } });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
  return login.body;
}

describe('requests', () => {
  it('counts each request once per route, its class, its latency, and one cold start per route', async () => {
    const before = await scrape();
    const { accessToken } = await signUp();

    const statuses = [
      ...(await Promise.all(Array.from({ length: 5 }, () => send('GET', '/api/v1/users/me', { token: accessToken })))),
      await send('GET', '/api/v1/users/me'),
      await send('GET', '/api/v1/no-such-thing'),
      await send('GET', '/api/v1/no-such-thing'),
    ].map((r) => r.status);
    const after = await scrape();

    expect(statuses).toEqual([200, 200, 200, 200, 200, 401, 404, 404]);
    const me = { route: 'users-me-get' };
    expect(grew(before, after, m.requests.prometheus, me)).toBe(6);
    expect(grew(before, after, m.clientErrors.prometheus, me)).toBe(1);
    expect(grew(before, after, m.serverErrors.prometheus, me)).toBe(0);
    expect(grew(before, after, `${m.latency.prometheus}_count`, me)).toBe(6);
    expect(grew(before, after, m.requests.prometheus, { route: 'fallback' })).toBe(2);
    expect(grew(before, after, m.clientErrors.prometheus, { route: 'fallback' })).toBe(2);
    expect(grew(before, after, m.requests.prometheus, { route: 'auth-register' })).toBe(1);
    // The first requests of this runtime: one cold start per route, however many requests followed.
    for (const route of ['users-me-get', 'fallback', 'auth-register']) expect(sampleValue(after, m.coldStarts.prometheus, { route })).toBe(1);
    // Every answered request is in the histogram, on every route.
    expect(sampleValue(after, `${m.latency.prometheus}_count`)).toBe(sampleValue(after, m.requests.prometheus));
    expect(sampleValue(after, m.requests.prometheus, { ...me, stage: 'test' })).toBe(sampleValue(after, m.requests.prometheus, me));
  });

  it('a dependency that is down: readiness answers 503, counted as a 5xx of its route', async () => {
    const ok = await send('GET', '/api/v1/health');
    expect(ok.status).toBe(200);
    const before = await scrape();

    await s3.stop();
    const down = await send('GET', '/api/v1/health');
    const after = await scrape();

    expect(down.status).toBe(503);
    expect(grew(before, after, m.requests.prometheus, { route: 'health-ready' })).toBe(1);
    expect(grew(before, after, m.serverErrors.prometheus, { route: 'health-ready' })).toBe(1);
    expect(grew(before, after, m.clientErrors.prometheus, { route: 'health-ready' })).toBe(0);
  });
});

describe('refusals', () => {
  it('a 429 is counted by the policy that refused it, and as a 4xx', async () => {
    const from = nextAddress();
    const before = await scrape();

    const login = () => send('POST', '/api/v1/auth/login', { from, body: { email: uniqueEmail('nobody'), password: 'wrong-password-123' } });
    const statuses = [(await login()).status, (await login()).status, (await login()).status];
    const after = await scrape();

    expect(statuses).toEqual([401, 401, 429]);
    expect(grew(before, after, m.rateLimited.prometheus, { policy: 'auth' })).toBe(1);
    expect(grew(before, after, m.rateLimited.prometheus)).toBe(1);
    expect(grew(before, after, m.clientErrors.prometheus, { route: 'auth-login' })).toBe(3);
  });

  it('a token refused after logout-all is counted with its reason', async () => {
    const { accessToken } = await signUp();
    expect((await send('POST', '/api/v1/auth/logout-all', { token: accessToken })).status).toBe(204);
    const before = await scrape();

    const reused = await send('GET', '/api/v1/users/me', { token: accessToken });
    const after = await scrape();

    expect(reused.status).toBe(401);
    expect(grew(before, after, m.revocationRefusals.prometheus, { reason: 'revoked' })).toBe(1);
    expect(grew(before, after, m.revocationRefusals.prometheus)).toBe(1);
  });
});

describe('the limiter gauges', () => {
  it('strict mode set by an admin turns the strict gauge on; normal mode turns it off', async () => {
    const admin = await signUp('admin');
    const me = () => send('GET', '/api/v1/users/me', { token: admin.accessToken });
    const setMode = (mode: string) => send('PUT', '/api/v1/admin/rate-limit', { token: admin.accessToken, body: { mode, durationSeconds: 60 } });
    await me();
    const gauge = async () => sampleValue(await scrape(), m.strictMode.prometheus, { stage: 'test' });
    const off = await gauge();

    expect((await setMode('strict')).status).toBe(200);
    const on = await until('the strict gauge at 1', async () => (await me(), gauge()), { ok: (v) => v === 1 });
    expect((await setMode('normal')).status).toBe(200);
    const offAgain = await until('the strict gauge at 0', async () => (await me(), gauge()), { ok: (v) => v === 0 });

    expect([off, on, offAgain]).toEqual([0, 1, 0]);
  });

  it('Redis stopped: rate-limited requests are still served and the degraded gauge turns on', async () => {
    const { accessToken } = await signUp();
    await send('GET', '/api/v1/users/me', { token: accessToken });
    const degraded = async () => sampleValue(await scrape(), m.limiterDegraded.prometheus);
    const before = await degraded();

    await redis.stop();
    const served: number[] = [];
    const after = await until('the degraded gauge at 1', async () => (served.push((await send('GET', '/api/v1/users/me', { token: accessToken })).status), degraded()), {
      ok: (v) => v === 1,
    });

    expect(before).toBe(0);
    expect(after).toBe(1);
    expect(new Set(served)).toEqual(new Set([200]));
  });
});
