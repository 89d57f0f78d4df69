/**
 * Tokens that can be taken back: every authenticated request respects the
 * account's current state, in this process and in another instance sharing
 * the same MongoDB, within the documented bound (`AUTH_STATE_CACHE_MS`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../helpers/api';
import { createAdmin, loginUser, NO_RATE_LIMITS, PASSWORD, registerUser } from '../helpers/auth';
import { request } from '../helpers/http';
import { spawnApi, type ApiProcess } from '../helpers/process';
import { until } from '../helpers/until';

/** The other instance's cache: short, so the bound is checked without sleeping for seconds. */
const OTHER_CACHE_MS = 400;

let api: TestApi;
let other: ApiProcess;
let admin: any;
beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
  other = await spawnApi({ ...api.env, ...NO_RATE_LIMITS, PASSWORD_SCRYPT_LOG_N: '10', AUTH_STATE_CACHE_MS: String(OTHER_CACHE_MS) });
  admin = await createAdmin(api);
}, 120_000);
afterAll(async () => {
  await other?.stop();
  await api?.stop();
});

const me = (token: string) => api.request('GET', '/api/v1/users/me', { token });
const meThere = (token: string) => request('GET', `${other.url}/api/v1/users/me`, { token });
const patchUser = (id: string, body: unknown, token = admin.accessToken) => api.request('PATCH', `/api/v1/admin/users/${id}`, { token, body });
const createFile = (token: string) =>
  api.request('POST', '/api/v1/files', { token, body: { filename: 'a.txt', contentType: 'text/plain', size: 3 } });

describe('a token is refused once its account changed', () => {
  it('disabled: every route answers 401 INVALID_TOKEN, files included', async () => {
    const { accessToken, user } = await registerUser(api);
    expect((await createFile(accessToken)).status).toBe(201);

    expect((await patchUser(user.id, { disabled: true })).status).toBe(200);

    const refused = await me(accessToken);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('INVALID_TOKEN');
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await createFile(accessToken)).body.code).toBe('INVALID_TOKEN');
    expect((await api.request('GET', '/api/v1/files', { token: accessToken })).status).toBe(401);
    // Enabled again, the old token stays dead: only a new login gives a working one.
    await patchUser(user.id, { disabled: false });
    expect((await me(accessToken)).status).toBe(401);
    expect((await me((await loginUser(api, user.email)).accessToken)).status).toBe(200);
  });

  it('deleted: the token cannot create, list or complete files afterwards', async () => {
    const { accessToken } = await registerUser(api);
    expect((await api.request('DELETE', '/api/v1/users/me', { token: accessToken })).status).toBe(204);

    expect((await createFile(accessToken)).status).toBe(401);
    expect((await api.request('GET', '/api/v1/files', { token: accessToken })).status).toBe(401);
    expect((await me(accessToken)).body.code).toBe('INVALID_TOKEN');
  });

  it('role changed: a promoted or demoted account must get a new token', async () => {
    const session = await registerUser(api);
    await patchUser(session.user.id, { role: 'admin' });

    expect((await me(session.accessToken)).status).toBe(401);
    const promoted = await loginUser(api, session.user.email);
    expect((await api.request('GET', '/api/v1/admin/users', { token: promoted.accessToken })).status).toBe(200);

    await patchUser(session.user.id, { role: 'user' });
    expect((await api.request('GET', '/api/v1/admin/users', { token: promoted.accessToken })).status).toBe(401);
  });

  it('password changed: every earlier token is refused, the new session works', async () => {
    const first = await registerUser(api);
    const second = await loginUser(api, first.user.email);

    const changed = await api.request('POST', '/api/v1/users/me/password', {
      token: first.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'another-long-password' },
    });

    expect(changed.status).toBe(200);
    expect((await me(first.accessToken)).status).toBe(401);
    expect((await me(second.accessToken)).status).toBe(401);
    expect((await me(changed.body.accessToken)).status).toBe(200);
  });

  it('POST /auth/logout-all: every access and refresh token of the caller is revoked', async () => {
    const first = await registerUser(api);
    const second = await loginUser(api, first.user.email);

    const res = await api.request('POST', '/api/v1/auth/logout-all', { token: second.accessToken });

    expect(res.status).toBe(204);
    for (const session of [first, second]) {
      expect((await me(session.accessToken)).status).toBe(401);
      expect((await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    }
    expect((await me((await loginUser(api, first.user.email)).accessToken)).status).toBe(200);
  });
});

describe('admins are re-read on every admin request', () => {
  it('a disabled admin cannot undo its own disabling with its old token', async () => {
    const victim = await createAdmin(api);
    await patchUser(victim.user.id, { disabled: true });

    const undo = await patchUser(victim.user.id, { disabled: false }, victim.accessToken);

    expect(undo.status).toBe(401);
    expect((await api.request('GET', `/api/v1/admin/users?limit=100`, { token: admin.accessToken })).body.items.find((u: any) => u.id === victim.user.id).disabled).toBe(true);
  });

  it('a deleted admin cannot promote anyone with its old token', async () => {
    const gone = await createAdmin(api);
    const target = await registerUser(api);
    await api.request('DELETE', '/api/v1/users/me', { token: gone.accessToken });

    expect((await patchUser(target.user.id, { role: 'admin' }, gone.accessToken)).status).toBe(401);
    expect((await me(target.accessToken)).body.role).toBe('user');
  });

  it('an admin cannot demote or disable itself by spelling its id in upper case', async () => {
    const self = await createAdmin(api);
    const res = await patchUser(self.user.id.toUpperCase(), { role: 'user', disabled: true }, self.accessToken);

    expect(res.status).toBe(404);
    expect(res.body.code).toBe('USER_NOT_FOUND');
    expect((await me(self.accessToken)).body).toMatchObject({ role: 'admin', disabled: false });
  });

  it('a non-canonical id answers exactly as an unknown id', async () => {
    const { user } = await registerUser(api);
    const unknown = await patchUser('0123456789abcdef01234567', { disabled: true });
    const upper = await patchUser(user.id.toUpperCase(), { disabled: true });

    expect([upper.status, upper.body.code, upper.body.title]).toEqual([unknown.status, unknown.body.code, unknown.body.title]);
  });
});

describe('across instances', () => {
  it(`an admin disabled mid-session is refused at once on admin routes of another instance, and everywhere within ${OTHER_CACHE_MS} ms`, async () => {
    const victim = await createAdmin(api);
    // The other instance has read the account: it is in its cache.
    expect((await meThere(victim.accessToken)).status).toBe(200);

    await patchUser(victim.user.id, { disabled: true });

    // Admin routes never use the cache.
    expect((await request('GET', `${other.url}/api/v1/admin/users`, { token: victim.accessToken })).status).toBe(401);
    // User routes: within the cache's bound (polled, with the bound plus scheduling slack as the limit).
    const started = Date.now();
    await until('the other instance refuses the disabled account', async () => (await meThere(victim.accessToken)).status === 401, {
      timeoutMs: OTHER_CACHE_MS + 1_500,
      intervalMs: 25,
    });
    expect(Date.now() - started).toBeLessThan(OTHER_CACHE_MS + 1_500);
  });
});
