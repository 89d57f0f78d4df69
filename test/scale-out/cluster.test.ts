/**
 * The bundle as the image runs it, without Nginx: production configuration
 * only (a missing setting stops the start, named), `WEB_CONCURRENCY` workers,
 * a dead worker replaced, SIGTERM → exit 0, and `/metrics` on its own port
 * (served by the primary, summing its workers). No dependency is reached: the
 * routes used here need none.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../../packages/server/src/container/build';
import { generateJwks } from '../../packages/server/src/local/dev-keys';
import { createClient, pool } from '../helpers/http';
import { METRICS } from '../../packages/core/src/observability/metrics';
import { readSamples, sampleValue } from '../../packages/server/src/metrics/samples';
import { until } from '../helpers/until';
import { runToExit, spawnInstance } from './instances';

let out: string;
let bundle: string;
let env: Record<string, string>;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'nocturnal-bundle-'));
  bundle = (await buildBundles({ outdir: out })).server;
  env = {
    STAGE: 'test',
    MONGODB_URI: 'mongodb://127.0.0.1:9/?directConnection=true',
    BUCKET_NAME: 'never-reached',
    JWT_PRIVATE_JWKS: await generateJwks(),
    SHUTDOWN_GRACE_SECONDS: '5',
  };
}, 60_000);
afterAll(() => rm(out, { recursive: true, force: true }));

/** Worker pids of a cluster primary (Linux /proc). */
const workersOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
const WAIT = { timeoutMs: 15_000, intervalMs: 25 };

describe('start-up', () => {
  it('refuses to start without production settings, naming each (no stand-in is started)', async () => {
    const { code, output } = await runToExit(bundle, { STAGE: 'test' });

    expect(code).toBe(1);
    for (const name of ['MONGODB_URI', 'BUCKET_NAME', 'JWT_PRIVATE_JWKS']) expect(output).toContain(`${name}: is required but not set`);
  });

  it('refuses a TRUSTED_PROXIES entry that is neither an address nor a CIDR', async () => {
    const { code, output } = await runToExit(bundle, { ...env, TRUSTED_PROXIES: '10.0.0.0/8,gateway.local' });

    expect(code).toBe(1);
    expect(output).toContain('TRUSTED_PROXIES: not an IP address or CIDR: gateway.local');
  });

  it('a worker that cannot start stops the cluster instead of crash-looping', async () => {
    const { code, output } = await runToExit(bundle, { ...env, WEB_CONCURRENCY: '2', JWT_PRIVATE_JWKS: '{"keys":"nope"}' });

    expect(code).toBe(1);
    expect(output).toContain('worker failed during start-up');
  });
});

describe.skipIf(process.platform !== 'linux')('cluster', () => {
  it('WEB_CONCURRENCY workers serve; a killed worker is replaced; SIGTERM drains and exits 0', async () => {
    const app = await spawnInstance(bundle, { ...env, WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' });
    const client = createClient(app.url, { maxSockets: 4 });
    const before = workersOf(app.pid);

    process.kill(before[0]!, 'SIGKILL');
    const replaced = await until('a new second worker', () => workersOf(app.pid).length === 2 && !workersOf(app.pid).includes(before[0]!), WAIT);
    await until('"worker replaced" in the log', () => app.output().includes('worker replaced'), WAIT);
    const replies = await pool(40, 4, () => client.request('GET', '/.well-known/jwks.json'));
    client.close();
    const exit = await app.stop('SIGTERM');

    expect(app.output()).toContain('listening on http://127.0.0.1:');
    expect(app.output()).toContain('(2 workers,');
    expect(before).toHaveLength(2);
    expect(replaced).toBe(true);
    expect(app.output()).toContain('worker died: replacing it');
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(exit).toEqual({ code: 0, signal: null });
  }, 120_000);
});

describe('metrics', () => {
  const scrape = async (url: string) => readSamples(await (await fetch(url)).text());

  it.skipIf(process.platform !== 'linux')('the primary serves /metrics on its own port, summing its workers; the API port does not serve it', async () => {
    const app = await spawnInstance(bundle, { ...env, WEB_CONCURRENCY: '2' });
    const client = createClient(app.url, { maxSockets: 8 });
    const workers = workersOf(app.pid);

    const replies = await pool(60, 8, () => client.request('GET', '/.well-known/jwks.json'));
    const onApiPort = await client.request('GET', '/metrics');
    client.close();
    const samples = await scrape(app.metricsUrl!);
    const notMetrics = await fetch(new URL('/api/v1/health', app.metricsUrl));
    const exit = await app.stop('SIGTERM');

    expect(app.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(2 workers, pid \d+\); metrics on http:\/\/127\.0\.0\.1:\d+\/metrics/);
    expect(app.metricsPort).not.toBe(app.port);
    expect(replies.map((r) => r.status)).toEqual(Array(60).fill(200));
    expect(onApiPort.status).toBe(404);
    expect(notMetrics.status).toBe(404);
    expect(notMetrics.headers.get('content-type')).toBe('application/problem+json');
    expect(workers).toHaveLength(2);
    // Every request counted once, whichever worker served it; each worker counts its own cold start.
    expect(sampleValue(samples, METRICS.requests.prometheus, { route: 'jwks', stage: 'test' })).toBe(60);
    expect(sampleValue(samples, `${METRICS.latency.prometheus}_count`, { route: 'jwks' })).toBe(60);
    expect(sampleValue(samples, METRICS.coldStarts.prometheus, { route: 'jwks' })).toBeLessThanOrEqual(2);
    expect(sampleValue(samples, METRICS.coldStarts.prometheus, { route: 'jwks' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('one process serves its own /metrics; METRICS_PORT=off serves none', async () => {
    const one = await spawnInstance(bundle, { ...env, WEB_CONCURRENCY: '1' });
    const off = await spawnInstance(bundle, { ...env, WEB_CONCURRENCY: '1', METRICS_PORT: 'off' });
    await createClient(one.url).request('GET', '/.well-known/jwks.json');
    const samples = await scrape(one.metricsUrl!);
    await Promise.all([one.stop('SIGTERM'), off.stop('SIGTERM')]);

    expect(sampleValue(samples, METRICS.requests.prometheus, { route: 'jwks' })).toBe(1);
    expect(sampleValue(samples, METRICS.coldStarts.prometheus, { route: 'jwks' })).toBe(1);
    expect(off.metricsUrl).toBeUndefined();
    expect(off.output()).not.toContain('metrics on');
  }, 60_000);
});
