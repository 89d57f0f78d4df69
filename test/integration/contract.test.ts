/**
 * The contract test's own checks. Every integration file is held to the
 * OpenAPI document after it runs (test/helpers/contract-setup.ts); this file
 * proves the checker refuses what the document does not declare, and drives
 * the answers no other suite asks for: the docs, the document, the JWKS,
 * liveness, a preflight, 404 and 405.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDocument } from '../../packages/functions/src/openapi/document';
import { startTestApi, type TestApi } from '../helpers/api';
import { NO_RATE_LIMITS, registerUser } from '../helpers/auth';
import { contractChecker, type Exchange } from '../helpers/contract';
import { recorded } from '../helpers/contract-recorder';
import { request } from '../helpers/http';

let api: TestApi;
let check: (exchange: Exchange) => string[];

beforeAll(async () => {
  api = await startTestApi({ ...NO_RATE_LIMITS, CORS_ORIGINS: 'https://app.example.com' });
  check = contractChecker(apiDocument());
}, 120_000);
afterAll(() => api?.stop());

/** One real answer, as the recorder keeps it. */
async function exchange(method: string, path: string, opts: Parameters<TestApi['request']>[2] = {}): Promise<Exchange> {
  const reply = await request(method, api.url + path, opts);
  return { method, url: api.url + path, status: reply.status, headers: reply.headers, text: reply.text };
}

describe('the checker', () => {
  it('passes a real answer and refuses an undeclared status, body, content type or missing header', async () => {
    const live = await exchange('GET', '/health');
    expect(check(live)).toEqual([]);

    const { 'x-request-id': _id, ...withoutId } = live.headers;
    const [status] = check({ ...live, status: 418 });
    const [body] = check({ ...live, text: '{"status":"fine"}' });
    const [type] = check({ ...live, headers: { ...live.headers, 'content-type': 'text/plain' } });
    const [header] = check({ ...live, headers: withoutId });

    expect(status).toMatch(/GET \/health → 418 \(health-live\): status 418 is not declared \(declared: 200, 400, 413, 415, 500, 503\)/);
    expect(body).toMatch(/body .*status/);
    expect(type).toMatch(/content type text\/plain is not declared/);
    expect(header).toMatch(/required header X-Request-Id is missing/);
  });

  it('refuses a problem whose code the operation cannot answer with that status', async () => {
    const taken = await exchange('POST', '/api/v1/auth/register', { body: { email: 'not-an-email', password: 'x' } });
    expect(taken.status).toBe(400);
    expect(check(taken)).toEqual([]);
    const wrong = taken.text.replace('"VALIDATION_FAILED"', '"EMAIL_TAKEN"');
    expect(check({ ...taken, text: wrong }).join('\n')).toMatch(/must be equal to one of the allowed values/);
  });

  it('checks the answers the route table routes to $default against x-default-route', async () => {
    const unknown = await exchange('GET', '/nope');
    const notServed = await exchange('PUT', '/api/v1/users/me', { body: {} });
    expect([unknown.status, notServed.status]).toEqual([404, 405]);
    expect([...check(unknown), ...check(notServed)]).toEqual([]);
    expect(check({ ...notServed, headers: { ...notServed.headers, allow: undefined } })[0]).toMatch(/\(fallback\): required header Allow is missing/);
  });
});

describe('answers no other suite asks for', () => {
  it.each([
    ['GET', '/openapi.json'],
    ['GET', '/docs'],
    ['GET', '/docs/swagger-ui.js'],
    ['GET', '/docs/swagger-ui.css'],
    ['GET', '/.well-known/jwks.json'],
    ['GET', '/health'],
    ['POST', '/api/v1/auth/logout'],
  ])('%s %s', async (method, path) => {
    const answer = await exchange(method, path);
    expect(answer.status).toBeLessThan(500);
    expect(check(answer)).toEqual([]);
  });

  it('a CORS preflight is 204 from $default', async () => {
    const answer = await exchange('OPTIONS', '/api/v1/files', {
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(answer.status).toBe(204);
    expect(check(answer)).toEqual([]);
  });

  it('a token for an account that is gone is 401 with a problem the document lists', async () => {
    const { accessToken } = await registerUser(api);
    expect((await api.request('DELETE', '/api/v1/users/me', { token: accessToken })).status).toBe(204);
    const answer = await exchange('GET', '/api/v1/users/me', { token: accessToken });
    expect(answer.status).toBe(401);
    expect(check(answer)).toEqual([]);
  });
});

describe('the recorder', () => {
  it("keeps the answers of this file's API for the check after the file", async () => {
    await api.request('GET', '/health');
    const seen = await recorded();
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((e) => e.url.startsWith(api.url))).toBe(true);
  });
});
