/**
 * The metrics listener on port 0 with a real registry: GET and HEAD of
 * `/metrics`, and the API's problem+json answers for anything else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { METRICS } from '@nocturnal/core/observability/metrics';
import { buildMetricsServer, type MetricsServer, type MetricsServerOptions } from './metrics-server';
import { createPrometheusMetrics } from './prometheus-metrics';
import { readSamples, sampleValue } from './samples';

let app: MetricsServer | undefined;
afterEach(() => app?.close());

async function start(collect?: MetricsServerOptions['collect']) {
  const { metrics, registry } = createPrometheusMetrics({ stage: 'test', defaultMetrics: false });
  metrics.request('users-me-get', 200, 5);
  app = buildMetricsServer({ collect: collect ?? (async () => ({ contentType: registry.contentType, body: await registry.metrics() })) });
  return `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
}

describe('buildMetricsServer', () => {
  it('GET /metrics answers the text format; HEAD the same headers without a body', async () => {
    const url = await start();

    const get = await fetch(`${url}/metrics`);
    const body = await get.text();
    const head = await fetch(`${url}/metrics`, { method: 'HEAD' });

    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(get.headers.get('cache-control')).toBe('no-store');
    expect(sampleValue(readSamples(body), METRICS.requests.prometheus, { route: 'users-me-get' })).toBe(1);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(await head.text()).toBe('');
  });

  it('another path is a problem+json 404, as the API answers it', async () => {
    const url = await start();

    const res = await fetch(`${url}/api/v1/users/me`);
    const problem = (await res.json()) as Record<string, unknown>;

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe(problem.requestId);
    expect(problem).toMatchObject({ status: 404, code: 'NOT_FOUND', type: expect.stringMatching(/\/not-found$/) });
  });

  it('another method is a 405 naming GET and HEAD', async () => {
    const url = await start();

    const res = await fetch(`${url}/metrics`, { method: 'POST', body: 'x' });
    const problem = (await res.json()) as Record<string, unknown>;

    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(problem).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('a collection that fails is a generic 500 that shows nothing of the error', async () => {
    const url = await start(async () => {
      throw new Error('Operation timed out.');
    });

    const res = await fetch(`${url}/metrics`);
    const text = await res.text();

    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(text).not.toContain('timed out');
  });
});
