/**
 * The signed-in user's own account over HTTP: /users/me without or with a bad
 * token, profile, password change, deletion, and input validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeySet } from '../../packages/core/src/auth/keys';
import { signAccessToken } from '../../packages/core/src/auth/sign-access-token';
import { startTestApi, type TestApi } from '../helpers/api';
import { loginUser, NO_RATE_LIMITS, PASSWORD, registerUser, uniqueEmail } from '../helpers/auth';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
}, 120_000);
afterAll(() => api?.stop());

const me = (token?: string) => api.request('GET', '/api/v1/users/me', token ? { token } : {});
const refresh = (refreshToken: string) => api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });

describe('GET /users/me', () => {
  it('without a token → 401 UNAUTHENTICATED with a Bearer challenge', async () => {
    const res = await me();

    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="[^"]+"$/);
  });

  it('with a tampered token → 401 INVALID_TOKEN, error="invalid_token"', async () => {
    const { accessToken } = await registerUser(api);
    const [h, p, s] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;

    const res = await me(forged);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_TOKEN');
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('with an expired token (signed with a past clock) → 401 INVALID_TOKEN', async () => {
    const { user } = await registerUser(api);
    const keys = loadKeySet(api.env.JWT_PRIVATE_JWKS!);
    const { token } = await signAccessToken(
      keys,
      { userId: user.id, email: user.email, role: 'user' },
      { issuer: 'nocturnal-api', audience: 'nocturnal-api', ttlSeconds: 900 },
      new Date(Date.now() - 3600_000),
    );

    const res = await me(token);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_TOKEN');
  });
});

describe('profile', () => {
  it('PATCH name → 200, visible in GET; null clears it', async () => {
    const { accessToken } = await registerUser(api);

    const set = await api.request('PATCH', '/api/v1/users/me', { token: accessToken, body: { name: '  Grace Hopper ' } });
    expect(set.status).toBe(200);
    expect(set.body.name).toBe('Grace Hopper');
    expect((await me(accessToken)).body.name).toBe('Grace Hopper');
    const cleared = await api.request('PATCH', '/api/v1/users/me', { token: accessToken, body: { name: null } });
    expect(cleared.body.name).toBeNull();
  });

  it('PATCH cannot change the role or anything else', async () => {
    const { accessToken } = await registerUser(api);

    const res = await api.request('PATCH', '/api/v1/users/me', { token: accessToken, body: { name: 'x', role: 'admin' } });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((await me(accessToken)).body.role).toBe('user');
  });
});

describe('password change', () => {
  it('needs the current password, revokes every refresh family and returns a new session', async () => {
    const first = await registerUser(api);
    const second = await loginUser(api, first.user.email);
    const change = (currentPassword: string) =>
      api.request('POST', '/api/v1/users/me/password', { token: first.accessToken, body: { currentPassword, newPassword: 'a-new-password-2' } });

    const wrong = await change('not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    const ok = await change(PASSWORD);

    expect(ok.status).toBe(200);
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(second.refreshToken)).status).toBe(401);
    expect((await refresh(ok.body.refreshToken)).status).toBe(200);
    expect((await api.request('POST', '/api/v1/auth/login', { body: { email: first.user.email, password: PASSWORD } })).status).toBe(401);
    await loginUser(api, first.user.email, 'a-new-password-2');
  });
});

describe('DELETE /users/me', () => {
  it('→ 204; the account, its sessions and its login are gone', async () => {
    const session = await registerUser(api);

    const res = await api.request('DELETE', '/api/v1/users/me', { token: session.accessToken });

    expect(res.status).toBe(204);
    expect((await me(session.accessToken)).body.code).toBe('INVALID_TOKEN');
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect((await api.request('POST', '/api/v1/auth/login', { body: { email: session.user.email, password: PASSWORD } })).status).toBe(401);
    // The email is free again.
    await registerUser(api, session.user.email);
  });
});

describe('validation → 400 problem+json VALIDATION_FAILED before any database call', () => {
  const email = uniqueEmail('v');
  it.each([
    ['an operator instead of an email', { email: { $gt: '' }, password: PASSWORD }],
    ['an operator instead of a password', { email, password: { $ne: null } }],
    ['a malformed email', { email: 'not-an-email', password: PASSWORD }],
    ['a short password', { email, password: 'short' }],
    ['a 129-character password', { email, password: 'x'.repeat(129) }],
    ['an unknown field', { email, password: PASSWORD, role: 'admin' }],
    ['a 101-character name', { email, password: PASSWORD, name: 'n'.repeat(101) }],
    ['no body', undefined],
  ])('register with %s', async (_name, body) => {
    const res = await api.request('POST', '/api/v1/auth/register', body === undefined ? {} : { body });

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('login and refresh reject non-strings too', async () => {
    for (const [path, body] of [
      ['/api/v1/auth/login', { email: { $gt: '' }, password: { $gt: '' } }],
      ['/api/v1/auth/refresh', { refreshToken: { $ne: null } }],
      ['/api/v1/auth/logout', { refreshToken: 42 }],
    ] as const) {
      const res = await api.request('POST', path, { body });
      expect(res.status, path).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
