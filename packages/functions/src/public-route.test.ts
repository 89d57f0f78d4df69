/**
 * `publicRoute()` must behave as `route()` does for a public row: the same
 * middlewares in the same order (compared by their named hooks), and no row
 * with a guard may use it.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@nocturnal/core/config';
import { v2Event } from '../../../test/helpers/events';
import { buildBaseChain } from './base-chain';
import { buildChain } from './chain';
import { publicRoute } from './public-route';
import type { ChainMiddleware } from './request-state';
import { routes } from './routes';
import { createRuntime, useRuntime } from './runtime';

const hooks = (chain: ChainMiddleware[]) => chain.map((m) => [m.before?.name, m.after?.name, m.onError?.name]);
const runtime = () => createRuntime(parseConfig({ LOG_LEVEL: 'silent' }));
const publicRows = routes.filter((r) => !r.auth && !r.rateLimit);

describe('publicRoute', () => {
  it('has public rows to serve (liveness, readiness, JWKS, $default)', () => {
    expect(publicRows.map((r) => r.id).sort()).toEqual(['fallback', 'health-live', 'health-ready', 'jwks']);
  });

  it.each(publicRows.map((r) => [r.id, r] as const))('builds the chain route() builds for %s', (_id, def) => {
    const rt = runtime();

    expect(hooks(buildBaseChain(def, {}, rt))).toEqual(hooks(buildChain(def, {}, rt)));
  });

  it('refuses a row with auth or a rate limit', () => {
    useRuntime(runtime());
    const guarded = routes.find((r) => r.auth)!;

    expect(() => publicRoute(guarded.id, async () => ({}))).toThrow(/use route\(\)/);
  });

  it('answers through the shared chain: request id, security headers, problem+json', async () => {
    useRuntime(runtime());
    const handler = publicRoute('health-live', async () => ({ status: 200, body: { status: 'ok' } }));

    const result = await handler(v2Event({ path: '/health' }), { awsRequestId: 'r' } as never);

    expect(result.statusCode).toBe(200);
    expect(result.headers?.['x-content-type-options']).toBe('nosniff');
    expect(result.headers?.['x-request-id']).toMatch(/\S/);
  });
});
