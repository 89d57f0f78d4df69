/**
 * A real Prometheus server (the Debian package, on loopback, scraping every
 * second) in front of the scale-out topology's metrics ports: 3 container
 * servers behind Nginx, one of them a 2-worker cluster whose primary sums its
 * workers. Under load through Nginx, the request counters Prometheus reports
 * match, instance by instance, the requests Nginx sent each instance; once
 * Redis is stopped, the limiter-degraded gauge turns on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../packages/core/src/observability/metrics';
import { findExecutable } from '../../packages/standins/src/find-executable';
import { getFreePort } from '../../packages/standins/src/upstash/free-port';
import { pool } from '../helpers/http';
import { until } from '../helpers/until';
import { missingTools, startTopology, type Topology } from './topology';

/** Debian's `prometheus` package installs /usr/bin/prometheus. */
const PROMETHEUS = findExecutable('prometheus');
const missing = [...missingTools(), PROMETHEUS ? '' : 'prometheus'].filter(Boolean);
const INSTANCES = 3;
const CLUSTERED = 0;
const ME = 'users-me-get';
const PASSWORD = 'correct-horse-battery';
/** Prometheus scrapes every second; a few scrapes' worth of patience, on a loaded machine. */
const POLL = { timeoutMs: 30_000, intervalMs: 250 };

it.runIf(process.env.CI === 'true')('CI has nginx, redis-server and prometheus', () => {
  expect(missing).toEqual([]);
});

interface RunningPrometheus {
  url: string;
  /** One instant vector: `[labels, value]` per series. */
  query(promql: string): Promise<Array<[Record<string, string>, number]>>;
  stop(): Promise<void>;
}

/** Starts Prometheus on a free loopback port with a temp config and data dir; resolves once it is ready. */
async function startPrometheus(targets: string[]): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'nocturnal-prometheus-'));
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: nocturnal-api',
    '    static_configs:',
    `      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'prometheus.yml'), config);
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS!,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (d) => (log = (log + d).slice(-4_000)));
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    process.off('exit', reap);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await until(`Prometheus ready at ${url}`, () => fetch(`${url}/-/ready`).then((r) => r.ok, () => false), { timeoutMs: 30_000, intervalMs: 100 });
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    url,
    async query(promql) {
      const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
      const body = (await res.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
      if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
      return body.data.result.map((r) => [r.metric, Number(r.value[1])]);
    },
    stop,
  };
}

describe.skipIf(missing.length > 0)('Prometheus scraping the scale-out topology', () => {
  let t: Topology;
  let prometheus: RunningPrometheus;
  /** Prometheus' `instance` label (`127.0.0.1:<metrics port>`) → the topology's instance index. */
  let indexOf: Map<string, number>;
  beforeAll(async () => {
    t = await startTopology({
      instances: INSTANCES,
      env: {
        PASSWORD_SCRYPT_LOG_N: '12',
        RATE_LIMIT_API: '100000/1m',
        RATE_LIMIT_AUTH: '1000/1m',
        RATE_LIMIT_STRICT_THRESHOLD: '100000000',
        // Short, so a stopped Redis is noticed at once.
        RATE_LIMIT_REDIS_TIMEOUT_MS: '300',
      },
      envOf: (i): Record<string, string> => (i === CLUSTERED ? { WEB_CONCURRENCY: '2' } : {}),
    });
    const targets = t.instances.map((inst) => `127.0.0.1:${inst.metricsPort}`);
    indexOf = new Map(targets.map((target, i) => [target, i]));
    prometheus = await startPrometheus(targets);
  }, 120_000);
  afterAll(async () => {
    await prometheus?.stop();
    await t?.stop();
  });

  const scalar = async (promql: string) => (await prometheus.query(promql))[0]?.[1];
  const perInstance = async (promql: string) => {
    const counts = Array<number>(INSTANCES).fill(0);
    for (const [labels, value] of await prometheus.query(promql)) counts[indexOf.get(labels.instance!)!] = value;
    return counts;
  };

  it('every instance is scraped: a 2-worker cluster is one target, its primary summing its workers', async () => {
    const up = await until('every target up', () => prometheus.query('up{job="nocturnal-api"}'), { ...POLL, ok: (r) => r.length === INSTANCES && r.every(([, v]) => v === 1) });

    expect(up.map(([labels]) => labels.instance).sort()).toEqual([...indexOf.keys()].sort());
    expect(t.instances[CLUSTERED]!.output()).toContain('(2 workers,');
  });

  it('the request counters Prometheus reports match the requests Nginx sent each instance', async () => {
    const reg = await t.edge.request('POST', '/api/v1/auth/register', { body: { email: `prom-${process.pid}@example.com`, password: PASSWORD } });
    expect(reg.status).toBe(201);
    const token = reg.body.accessToken as string;
    const meQuery = `sum by (instance) (${METRICS.requests.prometheus}{job="nocturnal-api",route="${ME}"})`;
    const lostQuery = `sum by (instance) (${METRICS.requests.prometheus}{job="nocturnal-api",route="fallback"})`;
    // Every counter starts at 0 and the topology's warm-up never calls these routes; the baseline is read, not assumed.
    const [meBefore, lostBefore] = await until(
      'a scrape of every instance',
      async () => [await prometheus.query(meQuery), await prometheus.query(lostQuery)] as const,
      { ...POLL, ok: ([me, lost]) => me.length === INSTANCES && lost.length === INSTANCES },
    );
    const total = (rows: typeof meBefore) => rows.reduce((sum, [, v]) => sum + v, 0);

    const N = 300;
    const LOST = 40;
    const [me, lost] = await Promise.all([
      pool(N, 24, () => t.edge.request('GET', '/api/v1/users/me', { token })),
      pool(LOST, 8, () => t.edge.request('GET', '/api/v1/no-such-route')),
    ]);
    const sent = (replies: typeof me) => {
      const counts = Array<number>(INSTANCES).fill(0);
      for (const r of replies) counts[t.instanceOf(r.headers['x-upstream'])]!++;
      return counts;
    };
    const meTotal = await until('Prometheus to see every users/me request', () => scalar(`sum(${METRICS.requests.prometheus}{route="${ME}"})`), {
      ...POLL,
      ok: (v) => v === total(meBefore) + N,
    });
    const lostTotal = await until('Prometheus to see every 404', () => scalar(`sum(${METRICS.requests.prometheus}{route="fallback"})`), {
      ...POLL,
      ok: (v) => v === total(lostBefore) + LOST,
    });
    const meByInstance = await perInstance(meQuery);
    const lostErrors = await scalar(`sum(${METRICS.clientErrors.prometheus}{route="fallback"})`);
    const latencyCount = await scalar(`sum(${METRICS.latency.prometheus}_count{route="${ME}"})`);
    // Each worker counts its own first users/me request: 2 on the cluster means both workers' counters are in its sum.
    const coldStarts = await perInstance(`sum by (instance) (${METRICS.coldStarts.prometheus}{route="${ME}"})`);

    expect(me.map((r) => r.status)).toEqual(Array(N).fill(200));
    expect(lost.map((r) => r.status)).toEqual(Array(LOST).fill(404));
    expect(meTotal).toBe(N);
    expect(lostTotal).toBe(LOST);
    expect(lostErrors).toBe(LOST);
    expect(latencyCount).toBe(N);
    // Instance by instance (the cluster's two workers summed by its primary), what Nginx says it sent.
    expect(meByInstance).toEqual(sent(me));
    expect(meByInstance.reduce((a, b) => a + b, 0)).toBe(N);
    expect(meByInstance.every((n) => n > 0)).toBe(true);
    expect(coldStarts).toEqual(t.instances.map((_, i) => (i === CLUSTERED ? 2 : 1)));
  }, 120_000);

  it('the limiter-degraded gauge turns on in Prometheus once Redis is stopped', async () => {
    const reg = await t.edge.request('POST', '/api/v1/auth/register', { body: { email: `prom-degraded-${process.pid}@example.com`, password: PASSWORD } });
    const token = reg.body.accessToken as string;
    const degraded = `max(${METRICS.limiterDegraded.prometheus}{job="nocturnal-api"})`;
    const before = await scalar(degraded);

    await t.stopRedis();
    const statuses: number[] = [];
    const after = await until(
      'max(nocturnal_rate_limiter_degraded) at 1',
      async () => {
        const replies = await pool(12, 6, () => t.edge.request('GET', '/api/v1/users/me', { token }));
        statuses.push(...replies.map((r) => r.status));
        return scalar(degraded);
      },
      { ...POLL, ok: (v) => v === 1 },
    );
    const perInstanceDegraded = await perInstance(`max by (instance) (${METRICS.limiterDegraded.prometheus})`);

    expect(before).toBe(0);
    expect(after).toBe(1);
    // Served from the in-memory fallback, never refused for want of Redis.
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(perInstanceDegraded).toContain(1);
  }, 90_000);
});
