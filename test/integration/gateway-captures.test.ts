/**
 * Golden test of the API Gateway emulator: each fixture in test/fixtures/apigw
 * is a request and the payload 2.0 event real API Gateway builds for it. The
 * request is replayed byte for byte over a socket, and the event the handler
 * receives is compared with the fixture on every field: equal, or matching the
 * fixture's pattern where the value changes per request (`varies`) or where the
 * emulator deliberately differs (`differs`, listed in the README).
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createGateway } from '../../packages/server/src/gateway/gateway';
import type { RouteDef } from '../../packages/functions/src/route-types';

interface Capture {
  file: string;
  route: string;
  stage: string;
  request: { method: string; target: string; headers: [string, string][]; body?: string; bodyEncoding?: BufferEncoding; chunked?: boolean };
  event: Record<string, unknown>;
  varies: Record<string, string>;
  differs: Record<string, { pattern: string; why: string }>;
}

const DIR = path.resolve(__dirname, '../fixtures/apigw');
const read = (file: string) => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
const captures: Capture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'response-cookies.json')
  .map((file) => ({ file, ...read(file) }));
const cookies = read('response-cookies.json');

/** A route-table row for a route key (`$default` or `METHOD /path`). */
function row(id: string, key: string): RouteDef {
  const [method, routePath] = key === '$default' ? ['ANY', '$default'] : key.split(' ');
  return { id, method: method as RouteDef['method'], path: routePath!, handler: `test/${id}.handler`, auth: false, rateLimit: null, resources: [] };
}

/** Dotted paths to leaf values; arrays by index. */
function flatten(v: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = v;
  return out;
}

/** The request as raw bytes: the fixture's header lines in order, the body as is or in two chunks. */
function rawRequest(r: Capture['request']): Buffer {
  const head = Buffer.from([`${r.method} ${r.target} HTTP/1.1`, ...r.headers.map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n'));
  const body = Buffer.from(r.body ?? '', r.bodyEncoding ?? 'utf8');
  if (!r.chunked) return Buffer.concat([head, body]);
  const half = Math.ceil(body.length / 2);
  const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
  return Buffer.concat([head, chunk(body.subarray(0, half)), chunk(body.subarray(half)), Buffer.from('0\r\n\r\n')]);
}

let server: Server;
let port: number;
let clientIp = '127.0.0.1';
const seen = new Map<string, APIGatewayProxyEventV2>();

beforeAll(async () => {
  expect(new Set(captures.map((c) => c.stage))).toEqual(new Set(['$default']));
  const routes = [...captures.map((c) => row(c.file, c.route)), row('cookies', 'GET /cookies')];
  server = createServer(
    createGateway({
      routes,
      stage: '$default',
      clientIp: () => clientIp,
      loadHandler: async (r) => async (event: APIGatewayProxyEventV2) => {
        if (r.id === 'cookies') return cookies.result;
        seen.set(r.id, event);
        return { statusCode: 204 };
      },
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function replay(c: Capture): Promise<APIGatewayProxyEventV2> {
  clientIp = (c.event.requestContext as { http: { sourceIp: string } }).http.sourceIp;
  const socket = connect(port, '127.0.0.1');
  socket.end(rawRequest(c.request));
  const reply = Buffer.concat(await socket.toArray()).toString('latin1');
  expect(reply).toMatch(/^HTTP\/1\.1 204/);
  return seen.get(c.file)!;
}

describe.each(captures.map((c) => [c.file, c] as const))('%s', (_file, c) => {
  it('produces the real event, field by field', async () => {
    const actual = flatten(await replay(c));
    const expected = flatten(c.event);
    const special = { ...c.varies, ...Object.fromEntries(Object.entries(c.differs).map(([k, d]) => [k, d.pattern])) };
    const mismatches: string[] = [];
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const pattern = special[key];
      if (pattern !== undefined) {
        if (!new RegExp(pattern).test(String(actual[key]))) mismatches.push(`${key}: ${JSON.stringify(actual[key])} does not match /${pattern}/`);
      } else if (actual[key] !== expected[key]) {
        mismatches.push(`${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual[key])}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('differs only where the fixture says why', () => {
    for (const [key, d] of Object.entries(c.differs)) {
      expect(d.why, key).toMatch(/\w{3,}/);
      expect(Object.keys(flatten(c.event)), key).toContain(key);
    }
  });
});

describe('response-cookies.json', () => {
  it('sends a Set-Cookie from headers and every entry of cookies[]', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/cookies`);
    expect(res.status).toBe(cookies.response.status);
    for (const [k, v] of Object.entries(cookies.response.headers)) expect(res.headers.get(k), k).toBe(v);
    expect(res.headers.getSetCookie().sort()).toEqual([...cookies.response.setCookie].sort());
    expect(await res.text()).toBe(cookies.response.body);
  });
});
