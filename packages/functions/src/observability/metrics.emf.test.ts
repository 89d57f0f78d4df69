/**
 * The EMF adapter, read from the lines Powertools Metrics writes to stdout:
 * one line per request with both dimension sets, side lines for 429s and
 * revocation refusals, names and units from the catalogue, and no warnings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METRICS, METRIC_NAMESPACE, METRIC_SERVICE } from '@nocturnal/core/observability/metrics';
import { captureOutput, type CapturedOutput } from './capture-output';
import { createEmfMetrics } from './metrics.emf';

const build = () => createEmfMetrics({ namespace: METRIC_NAMESPACE, service: METRIC_SERVICE, stage: 'prod' });
const directive = (line: Record<string, any>) => line._aws.CloudWatchMetrics[0];

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.stop());

describe('createEmfMetrics', () => {
  it('publishes one line per request: both dimension sets, Requests, ClientErrors, ServerErrors, Latency', () => {
    const metrics = build();
    metrics.request('users-me-get', 200, 12.3456);
    metrics.flush();
    output.stop();
    const lines = output.emf();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(directive(line!)).toEqual({
      Namespace: 'Nocturnal',
      Dimensions: [['service', 'stage', 'route'], ['service', 'stage']],
      Metrics: [
        { Name: 'Requests', Unit: 'Count' },
        { Name: 'ClientErrors', Unit: 'Count' },
        { Name: 'ServerErrors', Unit: 'Count' },
        { Name: 'Latency', Unit: 'Milliseconds' },
      ],
    });
    expect(line).toMatchObject({ service: 'nocturnal-api', stage: 'prod', route: 'users-me-get', Requests: 1, ClientErrors: 0, ServerErrors: 0, Latency: 12.346 });
    expect(line!._aws.Timestamp).toEqual(expect.any(Number));
    expect(output.stderr()).toEqual([]);
  });

  it('counts a 4xx (429 included) and a 5xx in their class, with both classes always present', () => {
    const metrics = build();
    for (const status of [401, 429, 500, 204]) {
      metrics.request('r', status, 1);
      metrics.flush();
    }
    output.stop();
    expect(output.emf().map((l) => [l.ClientErrors, l.ServerErrors])).toEqual([[1, 0], [1, 0], [0, 1], [0, 0]]);
  });

  it('puts a cold start and the limiter state on the request line', () => {
    const metrics = build();
    metrics.coldStart('auth-login');
    metrics.limiterState({ degraded: true, strict: false });
    metrics.request('auth-login', 200, 5);
    metrics.flush();
    // The next request: no cold start, the limiter recovered, strict mode on.
    metrics.limiterState({ degraded: false, strict: true });
    metrics.request('auth-login', 200, 5);
    metrics.flush();
    output.stop();
    const [first, second] = output.emf();
    expect(first).toMatchObject({ route: 'auth-login', ColdStarts: 1, LimiterDegraded: 1, StrictMode: 0, Requests: 1 });
    expect(directive(first!).Dimensions).toEqual([['service', 'stage', 'route'], ['service', 'stage']]);
    expect(second).not.toHaveProperty('ColdStarts');
    expect(second).toMatchObject({ LimiterDegraded: 0, StrictMode: 1 });
    expect(output.stderr()).toEqual([]);
  });

  it('writes a 429 by policy and a revocation refusal by reason on lines of their own', () => {
    const metrics = build();
    metrics.rateLimited('auth');
    metrics.revocationRefused('revoked');
    metrics.request('auth-login', 429, 2);
    metrics.flush();
    output.stop();
    const [limited, refused, request] = output.emf();
    expect(directive(limited!)).toMatchObject({ Namespace: 'Nocturnal', Dimensions: [['service', 'stage', 'policy']], Metrics: [{ Name: 'RateLimited', Unit: 'Count' }] });
    expect(limited).toMatchObject({ service: 'nocturnal-api', stage: 'prod', policy: 'auth', RateLimited: 1 });
    expect(limited).not.toHaveProperty('route');
    expect(directive(refused!)).toMatchObject({ Dimensions: [['service', 'stage', 'reason']], Metrics: [{ Name: 'RevocationRefusals', Unit: 'Count' }] });
    expect(refused).toMatchObject({ reason: 'revoked', RevocationRefusals: 1 });
    // The side lines leave the request line as it was.
    expect(directive(request!).Dimensions).toEqual([['service', 'stage', 'route'], ['service', 'stage']]);
    expect(request).not.toHaveProperty('policy');
    expect(output.stderr()).toEqual([]);
  });

  it('writes nothing, not even a Powertools warning, when a flush has nothing to publish', () => {
    const metrics = build();
    metrics.flush();
    metrics.request('r', 200, 1);
    metrics.flush();
    metrics.flush();
    output.stop();
    expect(output.emf()).toHaveLength(1);
    expect(output.stdout()).toHaveLength(1);
    expect(output.stderr()).toEqual([]);
  });

  it('names every metric and unit after the catalogue; dimensions are service, stage, its labels (and the route of the request line)', () => {
    const metrics = build();
    metrics.coldStart('r');
    metrics.limiterState({ degraded: false, strict: false });
    metrics.rateLimited('api');
    metrics.revocationRefused('deleted');
    metrics.request('r', 200, 1);
    metrics.flush();
    output.stop();
    const published = output.emf().flatMap((l) => directive(l).Metrics.map((m: { Name: string; Unit: string }) => ({ ...m, dims: directive(l).Dimensions })));
    for (const def of Object.values(METRICS)) {
      const found = published.find((m) => m.Name === def.cloudwatch);
      expect(found, def.cloudwatch).toBeDefined();
      expect(found!.Unit).toBe(def.unit);
      // One set is exactly the catalogue's: service, stage and the metric's labels.
      expect(found!.dims).toContainEqual(['service', 'stage', ...def.labels]);
      // The gauges ride the request line, so they are also under its route set; nothing else is a dimension.
      for (const set of found!.dims) for (const d of set) expect(['service', 'stage', 'route', ...def.labels]).toContain(d);
    }
  });
});
