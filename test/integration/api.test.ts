/**
 * The foundation over real HTTP, on the stand-ins: health, readiness,
 * problem+json for unknown routes and bad bodies, CORS preflights.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../helpers/api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ CORS_ORIGINS: 'https://app.example.com' });
}, 120_000);
afterAll(() => api?.stop());

describe('health', () => {
  it('GET /health is 200 without touching a dependency', async () => {
    const res = await api.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('GET /api/v1/health checks MongoDB, the bucket and the rate-limit store', async () => {
    const res = await api.request('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.mongo.status).toBe('ok');
    expect(res.body.checks.bucket.status).toBe('ok');
    expect(res.body.checks.rateLimit).toMatchObject({ status: 'ok', store: 'redis' });
    for (const secret of [api.env.MONGODB_URI, api.env.UPSTASH_REDIS_REST_TOKEN, api.env.S3_ENDPOINT]) {
      expect(res.text).not.toContain(secret);
    }
  });
});

describe('problem+json', () => {
  it('unknown route → 404', async () => {
    const res = await api.request('GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', status: 404, type: 'https://nocturnal-api.dev/problems/not-found' });
  });

  it('known path, wrong method → 405 with Allow, from $default as on API Gateway', async () => {
    const res = await api.request('DELETE', '/health');
    expect(res.status).toBe(405);
    expect(res.body.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('malformed JSON → 400, wrong content type → 415', async () => {
    const bad = await api.request('POST', '/api/v1/auth/login', { body: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('MALFORMED_JSON');
    const form = await api.request('POST', '/api/v1/auth/login', { body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin before any auth', async () => {
    const res = await fetch(`${api.url}/api/v1/users/me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('gives a foreign origin no CORS headers', async () => {
    const res = await fetch(`${api.url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${api.url}/health`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});
