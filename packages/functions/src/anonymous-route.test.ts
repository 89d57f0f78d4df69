/**
 * `anonymousRoute()` must behave as `route()` does for a row with a rate
 * limit and no auth: the same middlewares in the same order (compared by
 * their named hooks), the limit applied by address; no other row may use it.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@nocturnal/core/config';
import { v2Event } from '../../../test/helpers/events';
import { anonymousRoute } from './anonymous-route';
import { buildBaseChain } from './base-chain';
import { buildChain } from './chain';
import { rateLimitGuard } from './rate-limit-guard';
import type { ChainMiddleware } from './request-state';
import { routes } from './routes';
import { createRuntime, useRuntime } from './runtime';

const hooks = (chain: ChainMiddleware[]) => chain.map((m) => [m.before?.name, m.after?.name, m.onError?.name]);
const runtime = () => createRuntime(parseConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_API: '2/1m' }));
const anonymousRows = routes.filter((r) => !r.auth && r.rateLimit);

describe('anonymousRoute', () => {
  it.each(anonymousRows.map((r) => [r.id, r] as const))('builds the chain route() builds for %s', (_id, def) => {
    const rt = runtime();

    expect(hooks(buildBaseChain(def, {}, rt, rateLimitGuard(def, rt)))).toEqual(hooks(buildChain(def, {}, rt)));
  });

  it('refuses a row with auth, and one without a rate limit', () => {
    useRuntime(runtime());

    expect(() => anonymousRoute(routes.find((r) => r.auth)!.id, async () => ({}))).toThrow(/use route\(\)/);
    expect(() => anonymousRoute('health-live', async () => ({}))).toThrow(/use publicRoute\(\)/);
  });

  it('limits by address through the shared chain: the third request of 2/1m is a 429 problem', async () => {
    useRuntime(runtime());
    const handler = anonymousRoute('openapi', async () => ({ status: 200, body: {} }));
    const call = () => handler(v2Event({ path: '/openapi.json', sourceIp: '192.0.2.7' }), { awsRequestId: 'r' } as never);

    const statuses = [(await call()).statusCode, (await call()).statusCode];
    const third = await call();

    expect(statuses).toEqual([200, 200]);
    expect(third.statusCode).toBe(429);
    expect(third.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.headers?.['ratelimit-policy']).toMatch(/^"api";q=2;w=60/);
  });
});
