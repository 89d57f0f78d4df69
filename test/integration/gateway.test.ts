/**
 * Fidelity of the local API Gateway emulator: real HTTP in, the payload 2.0
 * event a handler sees, and the result mapped back as API Gateway maps it.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createGateway } from '../../packages/server/src/gateway/gateway';
import type { RouteDef } from '../../packages/functions/src/route-types';

const row = (id: string, method: RouteDef['method'], path: string, extra: Partial<RouteDef> = {}): RouteDef => ({
  id, method, path, handler: `test/${id}.handler`, auth: false, rateLimit: null, resources: [], ...extra,
});
const routes: RouteDef[] = [
  row('echo', 'ANY', '/echo/{id}'),
  row('echo-literal', 'GET', '/echo/literal'),
  row('greedy', 'GET', '/files/{proxy+}'),
  row('slow', 'GET', '/slow', { timeoutSeconds: 1 }),
  row('bare', 'GET', '/bare'),
  row('binary', 'GET', '/binary'),
  row('cookies', 'GET', '/cookies'),
  row('throws', 'GET', '/throws'),
  row('fallback', 'ANY', '$default'),
];

let seen: { event: APIGatewayProxyEventV2; context: Context } | undefined;
const handlers: Record<string, (e: APIGatewayProxyEventV2, c: Context) => Promise<unknown>> = {
  echo: async (event, context) => {
    seen = { event, context };
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };
  },
  'echo-literal': async () => ({ statusCode: 200, body: 'literal' }),
  greedy: async (event) => ({ statusCode: 200, body: JSON.stringify(event.pathParameters) }),
  slow: () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 3_000)),
  bare: async () => ({ hello: 'world' }),
  binary: async () => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, isBase64Encoded: true, body: Buffer.from([0, 1, 2, 255]).toString('base64') }),
  cookies: async () => ({ statusCode: 204, cookies: ['a=1; Path=/', 'b=2; HttpOnly'] }),
  throws: async () => {
    throw new Error('secret internal detail');
  },
  fallback: async (event) => ({ statusCode: 404, body: `no ${event.rawPath}` }),
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer(
    createGateway({ routes, stage: 'local', maxPayloadBytes: 1024, loadHandler: async (r) => handlers[r.id] as any }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('event shape', () => {
  it('builds a payload 2.0 event with path parameters, query, cookies and lower-cased joined headers', async () => {
    const res = await fetch(`${base}/echo/a%20b?x=1&y=2&x=3&empty=`, {
      method: 'POST',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Multi', 'one'],
        ['X-Multi', 'two'],
        ['Cookie', 'sid=abc; theme=dark'],
        ['User-Agent', 'fidelity-test'],
      ],
      body: JSON.stringify({ hello: 'wörld' }),
    });
    expect(res.status).toBe(200);
    const { event, context } = seen!;
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('ANY /echo/{id}');
    expect(event.rawPath).toBe('/echo/a%20b');
    expect(event.rawQueryString).toBe('x=1&y=2&x=3&empty=');
    expect(event.queryStringParameters).toEqual({ x: '1,3', y: '2', empty: '' });
    expect(event.pathParameters).toEqual({ id: 'a b' });
    expect(event.cookies).toEqual(['sid=abc', 'theme=dark']);
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-multi']).toBe('one, two');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.requestContext.http).toMatchObject({ method: 'POST', path: '/echo/a%20b', sourceIp: '127.0.0.1', userAgent: 'fidelity-test' });
    expect(event.requestContext.requestId).toMatch(/^[\w-]{10,}$/);
    expect(event.requestContext.stage).toBe('local');
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5_000);
    expect(event.isBase64Encoded).toBe(false);
    expect(JSON.parse(event.body!)).toEqual({ hello: 'wörld' });
    expect(context.awsRequestId).toBe(event.requestContext.requestId);
    expect(context.functionName).toContain('echo');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(5_000);
  });

  it('joins repeated header lines with commas, as API Gateway does', async () => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    socket.end('GET /echo/raw HTTP/1.1\r\nHost: x\r\nX-Multi: one\r\nX-Multi: two\r\nConnection: close\r\n\r\n');
    const reply = (await socket.toArray()).join('');
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(seen!.event.headers['x-multi']).toBe('one,two');
  });

  it('base64-encodes binary request bodies', async () => {
    const bytes = Buffer.from([0, 159, 146, 150, 255]);
    await fetch(`${base}/echo/bin`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(seen!.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(seen!.event.body!, 'base64')).toEqual(bytes);
  });

  it('omits body, query and path parameters when there are none', async () => {
    await fetch(`${base}/echo/x`);
    expect(seen!.event.body).toBeUndefined();
    expect(seen!.event.queryStringParameters).toBeUndefined();
    expect(seen!.event.cookies).toBeUndefined();
  });
});

describe('routing', () => {
  it('prefers literal segments, then parameters, then greedy paths', async () => {
    expect(await (await fetch(`${base}/echo/literal`)).text()).toBe('literal');
    const greedy = await fetch(`${base}/files/a/b/c.txt`);
    expect(await greedy.json()).toEqual({ proxy: 'a/b/c.txt' });
  });

  it('sends unknown routes to $default', async () => {
    const res = await fetch(`${base}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('no /nowhere');
  });
});

describe('results', () => {
  it('turns a bare object into a 200 JSON response', async () => {
    const res = await fetch(`${base}/bare`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ hello: 'world' });
  });

  it('decodes base64 response bodies', async () => {
    const res = await fetch(`${base}/binary`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('maps cookies to Set-Cookie headers', async () => {
    const res = await fetch(`${base}/cookies`);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
  });

  it('answers a throwing handler with a problem+json 500 that leaks nothing', async () => {
    const res = await fetch(`${base}/throws`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text).code).toBe('INTERNAL');
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toContain('at ');
  });
});

describe('limits', () => {
  it('enforces the route timeout with a 503', async () => {
    const res = await fetch(`${base}/slow`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).code).toBe('GATEWAY_TIMEOUT');
  });

  it('rejects payloads over the limit with a 413 before invoking the handler', async () => {
    seen = undefined;
    const res = await fetch(`${base}/echo/big`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as any).code).toBe('PAYLOAD_TOO_LARGE');
    expect(seen).toBeUndefined();
  });
});
