/**
 * Roles over HTTP: user vs admin routes, the admin's user list (cursor
 * pagination) and user updates (role, disabled).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../helpers/api';
import { createAdmin, loginUser, NO_RATE_LIMITS, PASSWORD, registerUser } from '../helpers/auth';

let api: TestApi;
let admin: any;
beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
  admin = await createAdmin(api);
}, 120_000);
afterAll(() => api?.stop());

const patchUser = (id: string, body: unknown, token = admin.accessToken) =>
  api.request('PATCH', `/api/v1/admin/users/${id}`, { token, body });

describe('roles', () => {
  it('a user on an admin route → 403 FORBIDDEN', async () => {
    const { accessToken, user } = await registerUser(api);

    const list = await api.request('GET', '/api/v1/admin/users', { token: accessToken });
    const patch = await patchUser(user.id, { role: 'admin' }, accessToken);

    expect(list.status).toBe(403);
    expect(list.body.code).toBe('FORBIDDEN');
    expect(patch.status).toBe(403);
  });

  it('an admin may use user routes too', async () => {
    expect((await api.request('GET', '/api/v1/users/me', { token: admin.accessToken })).body.role).toBe('admin');
  });

  it('a promoted user gets the admin role in the next token', async () => {
    const session = await registerUser(api);

    expect((await patchUser(session.user.id, { role: 'admin' })).body.role).toBe('admin');
    const next = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });

    expect((await api.request('GET', '/api/v1/admin/users', { token: next.body.accessToken })).status).toBe(200);
  });
});

describe('GET /admin/users', () => {
  it('pages through every user with a cursor, without repeats', async () => {
    for (let i = 0; i < 7; i++) await registerUser(api);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
      const res = await api.request('GET', `/api/v1/admin/users${query}`, { token: admin.accessToken });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((u: any) => u.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);

    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(new Set(seen).size).toBe(seen.length);
    // The last page says so itself: no empty page at the end.
    expect(pages).toBe(Math.ceil(seen.length / 3));
    const all = await api.request('GET', '/api/v1/admin/users?limit=100', { token: admin.accessToken });
    expect(all.body.items.map((u: any) => u.id)).toEqual(seen);
    expect(all.text).not.toContain('passwordHash');
  });

  it.each([['limit=0'], ['limit=101'], ['limit=abc'], ['cursor=%21%21'], ['cursor=Zm9v'], ['unknown=1']])(
    'rejects %s with 400 VALIDATION_FAILED',
    async (query) => {
      const res = await api.request('GET', `/api/v1/admin/users?${query}`, { token: admin.accessToken });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    },
  );
});

describe('PATCH /admin/users/{id}', () => {
  it('disabling a user stops their login, their refresh and their account routes', async () => {
    const target = await registerUser(api);

    const res = await patchUser(target.user.id, { disabled: true });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: target.user.id, disabled: true });
    const login = await api.request('POST', '/api/v1/auth/login', { body: { email: target.user.email, password: PASSWORD } });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('ACCOUNT_DISABLED');
    expect((await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: target.refreshToken } })).status).toBe(401);
    const meRes = await api.request('GET', '/api/v1/users/me', { token: target.accessToken });
    // The token is taken back with the account: the same 401 as any invalid token.
    expect(meRes.body.code).toBe('INVALID_TOKEN');
    // Enabled again: login works.
    await patchUser(target.user.id, { disabled: false });
    await loginUser(api, target.user.email);
  });

  it('a malformed or unknown id → 404 USER_NOT_FOUND, not 500', async () => {
    for (const id of ['not-an-object-id', '000000000000000000000000', '%7B%22%24gt%22%3A%22%22%7D']) {
      const res = await patchUser(id, { disabled: true });
      expect(res.status, id).toBe(404);
      expect(res.body.code).toBe('USER_NOT_FOUND');
    }
  });

  it('an empty or unknown patch → 400; an admin cannot disable or demote themselves → 403', async () => {
    expect((await patchUser(admin.user.id, {})).body.code).toBe('VALIDATION_FAILED');
    expect((await patchUser(admin.user.id, { role: 'root' })).body.code).toBe('VALIDATION_FAILED');
    expect((await patchUser(admin.user.id, { email: 'x@y.io' })).body.code).toBe('VALIDATION_FAILED');
    expect((await patchUser(admin.user.id, { disabled: true })).status).toBe(403);
    expect((await patchUser(admin.user.id, { role: 'user' })).status).toBe(403);
  });
});
