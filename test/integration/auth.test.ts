/**
 * Accounts and sessions over HTTP through the local gateway, on the embedded
 * MongoDB: register, login, refresh rotation and reuse, logout, /users/me.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../helpers/api';
import { comparable, loginUser, NO_RATE_LIMITS, PASSWORD, registerUser, uniqueEmail } from '../helpers/auth';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
}, 120_000);
afterAll(() => api?.stop());

const refresh = (refreshToken: string) => api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
const me = (token?: string) => api.request('GET', '/api/v1/users/me', token ? { token } : {});

describe('register and login', () => {
  it('register → 201 with the user and a token pair, never the hash', async () => {
    const email = uniqueEmail();
    const res = await api.request('POST', '/api/v1/auth/register', { body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: 'Ada' } });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: { id: expect.stringMatching(/^[0-9a-f]{24}$/), email, name: 'Ada', role: 'user', disabled: false, createdAt: expect.any(String), updatedAt: expect.any(String) },
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      refreshTokenExpiresAt: expect.any(String),
    });
    expect(res.text).not.toMatch(/passwordHash|scrypt/);
  });

  it('a taken email → 409 EMAIL_TAKEN, whatever its case or spacing', async () => {
    const email = uniqueEmail();
    await registerUser(api, email);

    for (const again of [email, ` ${email.toUpperCase()}`]) {
      const res = await api.request('POST', '/api/v1/auth/register', { body: { email: again, password: PASSWORD } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('EMAIL_TAKEN');
    }
  });

  it('login → 200 with a token that opens /users/me', async () => {
    const { user } = await registerUser(api);

    const session = await loginUser(api, user.email.toUpperCase());

    expect(session.user.id).toBe(user.id);
    expect((await me(session.accessToken)).body).toMatchObject({ id: user.id, email: user.email });
  });

  it('unknown email and wrong password answer identically, in comparable time', async () => {
    const { user } = await registerUser(api);
    const attempt = (email: string) => api.request('POST', '/api/v1/auth/login', { body: { email, password: 'wrong-password-1' } });

    const wrong = await attempt(user.email);
    const unknown = await attempt(uniqueEmail('nobody'));

    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(comparable(unknown)).toEqual(comparable(wrong));
    // The dummy hash: without it an unknown email skips scrypt and answers several times faster.
    const time = async (email: string) => {
      const t = performance.now();
      await attempt(email);
      return performance.now() - t;
    };
    const samples = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 7; i++) {
      samples.known.push(await time(user.email));
      samples.unknown.push(await time(uniqueEmail('nobody')));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[3]!;
    expect(median(samples.unknown)).toBeGreaterThan(median(samples.known) * 0.5);
  });
});

describe('refresh tokens', () => {
  it('rotate: a new pair each time, and the new access token works', async () => {
    const first = await registerUser(api);

    const res = await refresh(first.refreshToken);

    expect(res.status).toBe(200);
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    expect(res.body.accessToken).not.toBe(first.accessToken);
    expect((await me(res.body.accessToken)).status).toBe(200);
  });

  it('reusing a rotated token → 401 REFRESH_TOKEN_REUSED and the newest token of the family dies too', async () => {
    const first = await registerUser(api);
    const second = (await refresh(first.refreshToken)).body;
    const otherDevice = await loginUser(api, first.user.email);

    const replay = await refresh(first.refreshToken);

    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(second.refreshToken)).status).toBe(401);
    // Another login is another family: untouched.
    expect((await refresh(otherDevice.refreshToken)).status).toBe(200);
  });

  it('concurrent refreshes with one token → exactly one success', async () => {
    const { refreshToken } = await registerUser(api);

    const results = await Promise.all(Array.from({ length: 6 }, () => refresh(refreshToken)));

    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
  });

  it('logout → 204, then that refresh token → 401; logging out again is still 204', async () => {
    const { refreshToken } = await registerUser(api);

    const out = await api.request('POST', '/api/v1/auth/logout', { body: { refreshToken } });

    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const after = await refresh(refreshToken);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('INVALID_REFRESH_TOKEN');
    expect((await api.request('POST', '/api/v1/auth/logout', { body: { refreshToken } })).status).toBe(204);
  });

  it('an unknown refresh token → 401 INVALID_REFRESH_TOKEN', async () => {
    const res = await refresh('A'.repeat(43));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
  });
});
