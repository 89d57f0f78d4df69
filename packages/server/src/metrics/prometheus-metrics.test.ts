/**
 * The prom-client adapter: every series of the catalogue, named, typed and
 * described from it, what each record adds, and how two workers' registries
 * combine (prom-client's own aggregation). promtool lints the exposition.
 */
import { spawnSync } from 'node:child_process';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_SECONDS, METRICS } from '@nocturnal/core/observability/metrics';
import { REVOCATIONS } from '@nocturnal/core/users/account-guard';
import { createPrometheusMetrics } from './prometheus-metrics';
import { readSamples, sampleValue } from './samples';

const promtool = spawnSync('promtool', ['--version']).status === 0;

describe('createPrometheusMetrics', () => {
  it('exposes every catalogue series with its type and help, and process metrics', async () => {
    const { registry } = createPrometheusMetrics({ stage: 'test' });

    const text = await registry.metrics();

    for (const def of Object.values(METRICS)) {
      expect(text).toContain(`# HELP ${def.prometheus} ${def.help}\n# TYPE ${def.prometheus} ${def.kind}`);
    }
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_p99_seconds gauge');
  });

  it('starts every revocation reason at 0, so a first refusal is an increase, not a new series', async () => {
    const { registry } = createPrometheusMetrics({ stage: 'test', defaultMetrics: false });

    const s = readSamples(await registry.metrics());

    for (const reason of REVOCATIONS) expect(sampleValue(s, METRICS.revocationRefusals.prometheus, { reason }), reason).toBe(0);
  });

  it('counts a request, its class and its latency in seconds, labelled by route and stage', async () => {
    const { metrics, registry } = createPrometheusMetrics({ stage: 'prod', routes: ['users-me-get', 'auth-login'], defaultMetrics: false });

    metrics.request('users-me-get', 200, 4);
    metrics.request('users-me-get', 401, 30);
    metrics.request('users-me-get', 429, 1);
    metrics.request('users-me-get', 503, 700);
    const s = readSamples(await registry.metrics());

    const me = { route: 'users-me-get', stage: 'prod' };
    expect(sampleValue(s, METRICS.requests.prometheus, me)).toBe(4);
    expect(sampleValue(s, METRICS.clientErrors.prometheus, me)).toBe(2);
    expect(sampleValue(s, METRICS.serverErrors.prometheus, me)).toBe(1);
    expect(sampleValue(s, `${METRICS.latency.prometheus}_count`, me)).toBe(4);
    expect(sampleValue(s, `${METRICS.latency.prometheus}_sum`, me)).toBeCloseTo(0.735, 6);
    expect(sampleValue(s, `${METRICS.latency.prometheus}_bucket`, { ...me, le: '0.005' })).toBe(2);
    expect(sampleValue(s, `${METRICS.latency.prometheus}_bucket`, { ...me, le: '1' })).toBe(4);
    expect(s.filter((x) => x.name === `${METRICS.latency.prometheus}_bucket` && x.labels.route === 'users-me-get').map((x) => x.labels.le)).toEqual([
      ...LATENCY_BUCKETS_SECONDS.map(String),
      '+Inf',
    ]);
    // A declared route is at 0 before its first request, so its first error is an increase.
    expect(s).toContainEqual({ name: METRICS.serverErrors.prometheus, labels: { route: 'auth-login', stage: 'prod' }, value: 0 });
  });

  it('records 429s by policy, cold starts, revocation refusals and the limiter state', async () => {
    const { metrics, registry } = createPrometheusMetrics({ stage: 'test', defaultMetrics: false });
    const before = readSamples(await registry.metrics());

    metrics.rateLimited('auth');
    metrics.rateLimited('auth');
    metrics.coldStart('health-get');
    metrics.revocationRefused('revoked');
    metrics.limiterState({ degraded: true, strict: false });
    metrics.flush();
    const s = readSamples(await registry.metrics());

    expect(sampleValue(before, METRICS.limiterDegraded.prometheus)).toBe(0);
    expect(sampleValue(s, METRICS.rateLimited.prometheus, { policy: 'auth' })).toBe(2);
    expect(sampleValue(s, METRICS.coldStarts.prometheus, { route: 'health-get' })).toBe(1);
    expect(sampleValue(s, METRICS.revocationRefusals.prometheus, { reason: 'revoked' })).toBe(1);
    expect(sampleValue(s, METRICS.limiterDegraded.prometheus, { stage: 'test' })).toBe(1);
    expect(sampleValue(s, METRICS.strictMode.prometheus)).toBe(0);
  });

  it('in a cluster, counters and histograms add up and the gauges take the maximum', async () => {
    const one = createPrometheusMetrics({ stage: 'test', defaultMetrics: false });
    const two = createPrometheusMetrics({ stage: 'test', defaultMetrics: false });
    one.metrics.request('users-me-get', 200, 2);
    two.metrics.request('users-me-get', 200, 2);
    two.metrics.request('users-me-get', 200, 2);
    one.metrics.limiterState({ degraded: false, strict: true });
    two.metrics.limiterState({ degraded: true, strict: true });

    const merged = AggregatorRegistry.aggregate([await one.registry.getMetricsAsJSON(), await two.registry.getMetricsAsJSON()]);
    const s = readSamples(await merged.metrics());

    expect(sampleValue(s, METRICS.requests.prometheus, { route: 'users-me-get' })).toBe(3);
    expect(sampleValue(s, `${METRICS.latency.prometheus}_count`, { route: 'users-me-get' })).toBe(3);
    expect(sampleValue(s, METRICS.limiterDegraded.prometheus)).toBe(1);
    expect(sampleValue(s, METRICS.strictMode.prometheus)).toBe(1);
  });

  type Json = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
  it("in a cluster, event-loop lag is the worst worker's, so one saturated worker shows", async () => {
    const workers = [createPrometheusMetrics({ stage: 'test' }), createPrometheusMetrics({ stage: 'test' })];
    const [busy, idle] = (await Promise.all(workers.map((w) => w.registry.getMetricsAsJSON()))) as [Json, Json];
    const lag = (json: Json, value: number) => {
      const metric = json.find((m) => m.name === 'nodejs_eventloop_lag_p99_seconds')!;
      metric.values = [{ value, labels: { stage: 'test' } }];
    };
    lag(busy, 0.8);
    lag(idle, 0.01);

    const s = readSamples(await AggregatorRegistry.aggregate([busy, idle]).metrics());

    expect(sampleValue(s, 'nodejs_eventloop_lag_p99_seconds')).toBe(0.8);
  });

  it.skipIf(!promtool && process.env.CI !== 'true')('passes promtool check metrics (the series of the catalogue)', async () => {
    const { metrics, registry } = createPrometheusMetrics({ stage: 'test', routes: ['users-me-get'] });
    metrics.request('users-me-get', 200, 3);
    metrics.rateLimited('api');

    const lint = spawnSync('promtool', ['check', 'metrics'], { input: await registry.metrics(), encoding: 'utf8' });

    // prom-client's own nodejs_active_*_total gauges draw lint warnings; ours must draw none.
    expect(lint.error).toBeUndefined();
    expect(`${lint.stdout}${lint.stderr}`).not.toContain('nocturnal_');
  });
});
