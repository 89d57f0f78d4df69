/**
 * The self-hosted topology's claims, on 127.0.0.1 with a real Nginx in front
 * of 4 container servers (the esbuild bundle) sharing one Redis (through the
 * Upstash-REST proxy), one MongoDB stand-in and one s3rver:
 * any instance serves any user, limits hold across instances, a dead instance
 * costs no GET, a SIGTERM drains, and a client cannot choose its rate-limit key.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, pool, type Reply } from '../helpers/http';
import { until } from '../helpers/until';
import { missingTools, startTopology, type Topology } from './topology';

const INSTANCES = 4;
const API_LIMIT = 50;
const missing = missingTools();
const PASSWORD = 'correct-horse-battery';
let seq = 0;
const email = (tag: string) => `${tag}${++seq}-${process.pid}@example.com`;

it.runIf(process.env.CI === 'true')('CI has nginx and redis-server', () => {
  expect(missing).toEqual([]);
});

describe.skipIf(missing.length > 0)('scale-out behind Nginx', () => {
  let t: Topology;
  beforeAll(async () => {
    t = await startTopology({
      instances: INSTANCES,
      env: {
        SHUTDOWN_GRACE_SECONDS: '10',
        PASSWORD_SCRYPT_LOG_N: '12',
        RATE_LIMIT_API: `${API_LIMIT}/1m`,
        RATE_LIMIT_AUTH: '40/15m',
        RATE_LIMIT_STRICT_THRESHOLD: '100000',
        // Proves the shared store holds the limit: a CPU-starved CI box must not trip the fallback (its own suite tests it).
        RATE_LIMIT_REDIS_TIMEOUT_MS: '5000',
      },
      // The last instance hashes at the production cost (~0.7 s here): its register is the slow request of the SIGTERM test.
      envOf: (i): Record<string, string> => (i === INSTANCES - 1 ? { PASSWORD_SCRYPT_LOG_N: '17' } : {}),
    });
  }, 90_000);
  afterAll(() => t?.stop());

  const session = async (tag: string) => {
    const reg = await t.edge.request('POST', '/api/v1/auth/register', { body: { email: email(tag), password: PASSWORD } });
    expect(reg.status).toBe(201);
    const login = await t.edge.request('POST', '/api/v1/auth/login', { body: { email: reg.body.user.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    return { token: login.body.accessToken as string, issuedBy: t.instanceOf(login.headers['x-upstream']) };
  };
  /** Whether a new connection to `port` is refused (the server stopped listening). */
  const refuses = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
  const instancesIn = (replies: Reply[]) => new Set(replies.map((r) => t.instanceOf(r.headers['x-upstream'])));

  it('nginx -t passes on the rendered configuration', () => {
    const { ok, output } = t.nginx.check();
    expect(output).toMatch(/syntax is ok/);
    expect(ok).toBe(true);
  });

  it('the edge answers /health itself, redirects HTTP to HTTPS and sends each security header once', async () => {
    const plain = createClient(t.nginx.httpUrl);
    const redirect = await plain.request('GET', '/api/v1/users/me?x=1');
    const health = await t.edge.request('GET', '/health');
    const proxied = await t.edge.request('GET', '/.well-known/jwks.json');
    plain.close();

    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`${t.nginx.httpsUrl}/api/v1/users/me?x=1`);
    expect(health.status).toBe(200);
    expect(health.headers['x-upstream']).toBeUndefined();
    expect(proxied.status).toBe(200);
    expect(proxied.headers['x-upstream']).toBeDefined();
    for (const name of ['strict-transport-security', 'x-content-type-options', 'x-frame-options', 'content-security-policy']) {
      expect(proxied.headers[name], name).toEqual(expect.any(String));
      expect(String(proxied.headers[name]), name).not.toContain(', ');
    }
  });

  it('a token issued through one instance is accepted by every instance', async () => {
    const { token, issuedBy } = await session('anyone');
    const viaEdge = await pool(24, 8, () => t.edge.request('GET', '/api/v1/users/me', { token }));
    const direct = await Promise.all(
      t.instances.map(async (i) => {
        const client = createClient(i.url);
        const reply = await client.request('GET', '/api/v1/users/me', { token });
        client.close();
        return reply;
      }),
    );

    expect(issuedBy).toBeGreaterThanOrEqual(0);
    expect(viaEdge.map((r) => r.status)).toEqual(Array(24).fill(200));
    expect(instancesIn(viaEdge)).toEqual(new Set([0, 1, 2, 3]));
    expect(direct.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it(`limits hold across instances: 200 concurrent requests → exactly ${API_LIMIT} pass`, async () => {
    const { token } = await session('limited');
    // 200 TLS connections opened beforehand (Nginx answers /health itself), so the burst measures the API.
    await Promise.all(Array.from({ length: 200 }, () => t.edge.request('GET', '/health')));
    const replies = await Promise.all(Array.from({ length: 200 }, () => t.edge.request('GET', '/api/v1/users/me', { token })));
    const passed = replies.filter((r) => r.status === 200);
    const limited = replies.filter((r) => r.status === 429);

    expect(passed).toHaveLength(API_LIMIT);
    expect(limited).toHaveLength(200 - API_LIMIT);
    expect(limited[0]!.body.code).toBe('RATE_LIMITED');
    expect(instancesIn(passed).size).toBeGreaterThanOrEqual(3);
    expect(instancesIn(limited).size).toBeGreaterThanOrEqual(3);
  });

  it('a file uploaded through one instance is completed, listed and downloaded through others', async () => {
    const { token } = await session('files');
    const [a, b, c, d] = t.instances.map((i) => createClient(i.url));
    const bytes = `scale-out ${Date.now()}`;

    const created = await a!.request('POST', '/api/v1/files', { token, body: { filename: 'report.txt', contentType: 'text/plain', size: bytes.length } });
    const put = await fetch(created.body.upload.url, { method: 'PUT', headers: created.body.upload.headers, body: bytes });
    const completed = await b!.request('POST', `/api/v1/files/${created.body.file.id}/complete`, { token });
    const listed = await c!.request('GET', '/api/v1/files', { token });
    const got = await d!.request('GET', `/api/v1/files/${created.body.file.id}`, { token });
    const downloaded = await fetch(got.body.download.url);
    for (const client of [a, b, c, d]) client!.close();

    expect(created.status).toBe(201);
    expect(put.ok).toBe(true);
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('ready');
    expect(listed.body.items.map((f: { id: string }) => f.id)).toEqual([created.body.file.id]);
    expect(await downloaded.text()).toBe(bytes);
  });

  // Spends this address's whole auth budget: the tests after it register nothing through the edge.
  it('a client-supplied X-Forwarded-For or X-Real-IP does not change the rate-limit key', async () => {
    const refresh = (headers: Record<string, string> = {}, client = t.edge) =>
      client.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'not-a-token' }, headers });
    const first = await refresh();
    const remaining = Number(/r=(\d+)/.exec(String(first.headers.ratelimit))?.[1]);
    const spoofed = await pool(remaining + 5, 8, (i) =>
      refresh({ 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}` }),
    );
    // Another source address is another client: its own budget.
    const other = createClient(t.nginx.httpsUrl, { ca: t.nginx.ca, localAddress: '127.0.0.2' });
    const fromElsewhere = await refresh({}, other);
    other.close();

    expect(first.status).toBe(401);
    expect(remaining).toBeGreaterThan(5);
    expect(spoofed.filter((r) => r.status === 401)).toHaveLength(remaining);
    expect(spoofed.filter((r) => r.status === 429)).toHaveLength(5);
    expect(fromElsewhere.status).toBe(401);
  });

  it('kill -9 of one instance in the middle of 2,000 GETs → 0 failed requests', async () => {
    const victim = t.instances[0]!;
    let done = 0;
    const replies = await pool(2000, 16, async () => {
      const reply = await t.edge.request('GET', '/.well-known/jwks.json').catch((e: Error) => ({ status: 0, text: e.message }) as Reply);
      if (++done === 500) victim.child.kill('SIGKILL');
      return reply;
    });
    const failed = replies.filter((r) => r.status !== 200);
    const retried = replies.filter((r) => String(r.headers?.['x-upstream']).includes(','));
    const after = replies.slice(1000).map((r) => t.instanceOf(r.headers?.['x-upstream']));

    expect((await victim.exited).signal).toBe('SIGKILL');
    expect(failed.map((r) => `${r.status} ${r.text.slice(0, 80)}`)).toEqual([]);
    expect(after).not.toContain(0);
    // Evidence that Nginx did retry on another instance, rather than never picking the dead one.
    expect(retried.length).toBeGreaterThan(0);
  });

  it('SIGTERM while a slow request is in flight → it completes, readiness fails, the instance exits 0', async () => {
    const slow = t.instances[INSTANCES - 1]!;
    // Half a readiness request on an open connection: finished after SIGTERM, it sees the draining server.
    const probe = connect(slow.port, '127.0.0.1');
    await new Promise((resolve) => probe.once('connect', resolve));
    probe.write('GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let probeReply = '';
    probe.on('data', (d) => (probeReply += d));
    const probeClosed = new Promise((resolve) => probe.once('close', resolve));

    const started = Date.now();
    // Its own client address (this test is a trusted proxy to the instance), so earlier budgets do not matter.
    const register = createClient(slow.url).request('POST', '/api/v1/auth/register', {
      body: { email: email('slow'), password: PASSWORD },
      headers: { 'x-real-ip': '192.0.2.77' },
    });
    // Past the rate limiter (its counter exists), the handler is hashing: now it is in flight.
    await until(
      'the rate-limit counter of the slow register',
      async () => ((await t.redis(['SCAN', '0', 'MATCH', '*192.0.2.77*', 'COUNT', '1000'])) as [string, string[]])[1].length > 0,
      { intervalMs: 10 },
    );
    slow.child.kill('SIGTERM');
    // Draining began once the listening socket is closed: the rest of the readiness request now meets it.
    await until('the instance to stop accepting connections', () => refuses(slow.port), { intervalMs: 10 });
    probe.write('\r\n');
    const duringDrain = await pool(40, 8, () => t.edge.request('GET', '/.well-known/jwks.json'));

    const reply = await register;
    await probeClosed;
    const exit = await slow.exited;

    expect(reply.status).toBe(201);
    expect(reply.headers.connection).toBe('close');
    expect(Date.now() - started).toBeGreaterThan(300);
    expect(probeReply).toMatch(/^HTTP\/1\.1 503/);
    expect(probeReply).toContain('{"status":"draining"}');
    expect(duringDrain.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
