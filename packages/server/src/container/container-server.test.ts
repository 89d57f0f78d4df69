/**
 * The container server in-process, on a route table of its own: timeouts,
 * the client address the handlers see, and the graceful drain.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '@nocturnal/standins/testing';
import {
  buildContainerServer,
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  type ContainerServer,
  type ContainerServerOptions,
} from './container-server';

type RouteDef = ContainerServerOptions['routes'][number];
type LambdaHandler = Awaited<ReturnType<ContainerServerOptions['loadHandler']>>;

const row = (id: string, path: string): RouteDef => ({
  id, method: 'GET', path, handler: `x/${id}.handler`, auth: false, rateLimit: null, resources: [], timeoutSeconds: 10,
});
const routes = [row('ip', '/ip'), row('slow', '/slow'), row('ready', '/api/v1/health')];

let releaseSlow: () => void = () => {};
/** Resolves once the slow handler runs: its request is in flight. */
let slowStarted: Promise<void>;
let markSlowStarted: () => void;
const handlers: Record<string, LambdaHandler> = {
  ip: async (event) => ({ statusCode: 200, body: event.requestContext.http.sourceIp }),
  slow: () => {
    markSlowStarted();
    return new Promise((resolve) => (releaseSlow = () => resolve({ statusCode: 200, body: 'done' })));
  },
  ready: async () => ({ statusCode: 200, body: '{"status":"ok"}' }),
};

let app: ContainerServer | undefined;
beforeEach(() => {
  slowStarted = new Promise((resolve) => (markSlowStarted = resolve));
});
afterEach(async () => {
  releaseSlow();
  await app?.drain(100);
});

async function start(trustedProxies: string[] = []) {
  app = buildContainerServer({ routes, stage: 'test', trustedProxies, loadHandler: async (r) => handlers[r.id]! });
  return `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
}

/** A raw HTTP/1.1 exchange, so the test controls when each byte is sent. */
function rawRequest(port: number) {
  const socket = connect(port, '127.0.0.1');
  let reply = '';
  socket.on('data', (d) => (reply += d));
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(reply)));
  return { socket, closed, connected: new Promise((r) => socket.once('connect', r)) };
}

describe('buildContainerServer', () => {
  it('outlasts Nginx keep-alive (60 s) and waits longer for headers than for an idle socket', async () => {
    await start();

    expect(app!.server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    expect(app!.server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(HEADERS_TIMEOUT_MS).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
  });

  it('hands the handler the client address from a trusted proxy only', async () => {
    const url = await start(['127.0.0.1']);
    const viaProxy = await fetch(`${url}/ip`, { headers: { 'x-real-ip': '203.0.113.5' } });
    await app!.drain(1000);
    const direct = await start([]);
    const untrusted = await fetch(`${direct}/ip`, { headers: { 'x-real-ip': '203.0.113.5' } });

    expect(await viaProxy.text()).toBe('203.0.113.5');
    expect(await untrusted.text()).toBe('127.0.0.1');
  });

  it('drain: stops accepting, answers readiness 503, lets the in-flight request finish', async () => {
    const url = await start();
    const port = Number(new URL(url).port);
    const inFlight = fetch(`${url}/slow`);
    await slowStarted;
    const accepted = once(app!.server, 'connection') as Promise<[Socket]>;
    const probe = rawRequest(port);
    await probe.connected;
    const [serverSide] = await accepted;
    probe.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n');
    // Once the server has read the first bytes, the connection is a request in progress, not an idle one.
    await until('the server to read the half-sent request', () => serverSide.bytesRead > 0, { intervalMs: 5 });

    const drained = app!.drain(5_000);
    probe.socket.write('\r\n');
    const refused = await fetch(`${url}/ip`).then(() => 'accepted', () => 'refused');
    releaseSlow();
    const slow = await inFlight;

    expect(await probe.closed).toMatch(/^HTTP\/1\.1 503[\s\S]*connection: close[\s\S]*\r\n\r\n\{"status":"draining"\}$/i);
    expect(refused).toBe('refused');
    expect(slow.status).toBe(200);
    expect(slow.headers.get('connection')).toBe('close');
    expect(await slow.text()).toBe('done');
    expect(await drained).toBe(true);
  });

  it('drain: after the grace period the remaining connections are cut', async () => {
    const url = await start();
    const stuck = fetch(`${url}/slow`).then(() => 'answered', () => 'cut');
    await slowStarted;

    const drained = await app!.drain(200);

    expect(drained).toBe(false);
    expect(await stuck).toBe('cut');
  });
});
