import { noMetrics } from '@nocturnal/core/observability/metrics';
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { loadKeySet } from '@nocturnal/core/auth/keys';
import { signAccessToken } from '@nocturnal/core/auth/sign-access-token';
import { generatePrivateJwk, jwksJson } from '@nocturnal/core/auth/testing';
import { verifyAccessToken } from '@nocturnal/core/auth/verify-access-token';
import { createLogger } from '@nocturnal/core/logger';
import type { Role } from '@nocturnal/core/auth/roles';
import { v2Event } from '../../../../test/helpers/events';
import { stateOf } from '../request-state';
import { authenticate } from './auth';
import { problemErrors } from './problem-errors';
import { requestContext } from './request-context';

const keys = loadKeySet(jwksJson(generatePrivateJwk()));
const settings = { issuer: 'iss', audience: 'aud', ttlSeconds: 60 };
const verify = async (token: string) => {
  const { userId, email, role, tokenVersion } = await verifyAccessToken(keys, token, settings);
  return { userId, email, role, tokenVersion };
};
const tokenFor = async (role: Role) => (await signAccessToken(keys, { userId: 'u1', email: 'a@x.io', role }, settings)).token;

function handlerFor(role: Role, verifier = verify) {
  return middy(async (_event: any, context: any) => ({ statusCode: 200, body: JSON.stringify(stateOf({ context }).auth) }), {
    timeoutEarlyInMillis: 0,
  }).use([requestContext({ log: createLogger({ level: 'silent' }), metrics: noMetrics, routeId: 't' }), problemErrors(), authenticate({ role, verify: verifier })]);
}

const call = async (role: Role, authorization?: string, verifier = verify) => {
  const res: any = await handlerFor(role, verifier)(
    v2Event({ headers: authorization === undefined ? {} : { authorization } }) as any,
    {} as any,
  );
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
};

describe('authenticate', () => {
  it('puts the verified caller on the request state', async () => {
    const res = await call('user', `Bearer ${await tokenFor('user')}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: 'u1', email: 'a@x.io', role: 'user', tokenVersion: 0 });
  });

  it('accepts the scheme in any case and an admin on a user route', async () => {
    expect((await call('user', `bearer ${await tokenFor('admin')}`)).status).toBe(200);
  });

  it('answers a missing header with 401 UNAUTHENTICATED and a bare challenge', async () => {
    const res = await call('user');

    expect(res).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="nocturnal-api"');
  });

  it.each([
    ['a bad token', 'Bearer abc.def.ghi'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['no scheme', 'eyJhbGciOiJFZERTQSJ9.e30.sig'],
    ['an empty bearer', 'Bearer '],
    ['two tokens', 'Bearer a.b.c d.e.f'],
  ])('answers %s with 401 INVALID_TOKEN and error="invalid_token"', async (_name, header) => {
    const res = await call('user', header);

    expect(res).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="nocturnal-api", error="invalid_token"');
  });

  it('answers a user on an admin route with 403 FORBIDDEN and insufficient_scope', async () => {
    const res = await call('admin', `Bearer ${await tokenFor('user')}`);

    expect(res).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('does not disguise an unexpected verifier failure as a bad token', async () => {
    const res = await call('user', 'Bearer a.b.c', async () => {
      throw new Error('boom');
    });

    expect(res).toMatchObject({ status: 500, body: { code: 'INTERNAL' } });
  });
});
