/**
 * The edges an attacker probes, over real sockets: request targets that used
 * to crash the gateway, Node's own parser errors, 405 and HEAD, error bodies
 * that must not grow with the input, and limits on requests without a valid token.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../helpers/api';
import { registerUser } from '../helpers/auth';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_API: '100/1m', RATE_LIMIT_AUTH: '1000/1m', RATE_LIMIT_STRICT_THRESHOLD: '100000000' });
}, 120_000);
afterAll(() => api?.stop());

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: any;
  bytes: number;
}

/** Writes bytes to the API's socket as they are, and parses the one reply (the server closes the connection after it). */
function raw(request: string | Buffer): Promise<RawReply> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = rest.join('\r\n\r\n');
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: parsed, bytes: Buffer.byteLength(body) });
    });
    // Written, not ended: a half-closed socket may be dropped before a slow answer is written.
    // Every request here asks for `connection: close`, or is one the server must close after.
    socket.write(request);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
  });
}

const get = (target: string, extra = '') => raw(`GET ${target} HTTP/1.1\r\nhost: api.test\r\nconnection: close\r\n${extra}\r\n`);

/** Every answer the gateway makes itself looks like the chain's. */
function expectEdgeProblem(res: RawReply, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status, code });
  expect(res.headers['x-request-id']).toBe(res.body.requestId);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['strict-transport-security']).toContain('max-age');
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
}

describe('request targets never throw', () => {
  it.each(['http://[::1/health', 'http://a:b/', '*'])('%s → 400 BAD_REQUEST problem+json', async (target) => {
    expectEdgeProblem(await get(target), 400, 'BAD_REQUEST');
  });

  it.each(['//[', '//a:99999/health'])('%s is a path: 404 problem+json from $default', async (target) => {
    const res = await get(target);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('//x/api/v1/users/me is the path //x/api/v1/users/me, never the host x', async () => {
    const res = await get('//x/api/v1/users/me');
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('//x/api/v1/users/me');
  });

  it('an absolute-form target is served by its path', async () => {
    expect((await get('http://api.test/health')).status).toBe(200);
  });
});

describe("Node's parser errors are problem+json too", () => {
  it('a header block over 16 KiB → 431 HEADERS_TOO_LARGE', async () => {
    expectEdgeProblem(await get('/health', `x-big: ${'a'.repeat(20_000)}\r\n`), 431, 'HEADERS_TOO_LARGE');
  });

  it.each([
    ['a bad Content-Length', 'POST /api/v1/auth/login HTTP/1.1\r\nhost: a\r\ncontent-length: abc\r\n\r\n'],
    ['Content-Length with chunked', 'POST /api/v1/auth/login HTTP/1.1\r\nhost: a\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['a control character in a header', 'GET /health HTTP/1.1\r\nhost: a\r\nx-bad: a\u0001b\r\n\r\n'],
    ['a lower-case method', 'get /health HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n'],
  ])('%s → 400 BAD_REQUEST', async (_name, request) => {
    expectEdgeProblem(await raw(request), 400, 'BAD_REQUEST');
  });

  it("the gateway's early 413 carries a request id and the security headers", async () => {
    const res = await raw(`POST /api/v1/auth/login HTTP/1.1\r\nhost: a\r\ncontent-type: application/json\r\ncontent-length: ${11 * 1024 * 1024}\r\n\r\n{`);
    expectEdgeProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('405 and HEAD', () => {
  it('a known path with a method it does not serve → 405 with Allow', async () => {
    const res = await api.request('PUT', '/api/v1/users/me', { body: {} });
    expect(res.status).toBe(405);
    expect(res.body.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('DELETE, GET, PATCH');
  });

  it('HEAD on a GET route → 405 with Allow: GET, and no body', async () => {
    const res = await raw('HEAD /health HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expect(res.bytes).toBe(0);
  });
});

describe('bounded error bodies', () => {
  it('a 0.98 MB body of unknown fields gets a small error back', async () => {
    const fields = Object.fromEntries(Array.from({ length: 36_000 }, (_, i) => [`field_${i}_${'x'.repeat(10)}`, 1]));
    const body = JSON.stringify({ email: 'a@b.co', password: 'long-enough-password', ...fields });
    expect(body.length).toBeGreaterThan(900_000);
    expect(body.length).toBeLessThan(1024 * 1024);

    const res = await api.request('POST', '/api/v1/auth/register', { body });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.text.length).toBeLessThan(8 * 1024);
    expect(res.body.errors.length).toBeLessThanOrEqual(20);
  });
});

describe('requests without a valid token are limited', () => {
  it('no token and junk tokens are counted per client address before their 401, with the RateLimit headers', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<TestApi['request']>> | undefined;
    for (let i = 0; i < 120; i++) {
      last = await api.request('GET', '/api/v1/users/me', i % 2 ? { token: 'junk.token.here' } : {});
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(100);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(last!.headers.get('ratelimit-policy')).toBe('"api";q=100;w=60');
    expect(last!.headers.get('retry-after')).toBeDefined();
  });
});
