import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import { hashRefreshToken } from '../auth/refresh-tokens';
import { verifyAccessToken } from '../auth/verify-access-token';
import { AppError } from '../errors';
import { listUsers, updateUserAsAdmin } from './admin-users';
import { changePassword } from './change-password';
import { deleteAccount } from './delete-account';
import { login } from './login';
import { logout } from './logout';
import { getProfile, updateProfile } from './profile';
import { refresh } from './refresh';
import { register } from './register';
import { createTestUsersContext, type TestUsersContext } from './testing';
import { codeOf } from '../testing';

let harness: Harness;
let ctx: TestUsersContext;
const password = 'correct horse';
let n = 0;
const email = () => `user${++n}@x.io`;

beforeAll(async () => {
  harness = await startHarness('use_cases');
  ctx = await createTestUsersContext(harness.db);
});
afterAll(() => harness?.close());

describe('register and login', () => {
  it('registers with a normalised email and issues a verifiable access token', async () => {
    const session = await register(ctx, { email: '  Mixed.Case@X.io ', password, name: 'Ada' });

    expect(session.user).toMatchObject({ email: 'mixed.case@x.io', name: 'Ada', role: 'user', disabled: false });
    const claims = await verifyAccessToken(ctx.keys, session.accessToken, { ...ctx.settings, now: ctx.now });
    expect(claims).toMatchObject({ userId: session.user.id, email: 'mixed.case@x.io', role: 'user' });
    expect(await codeOf(register(ctx, { email: 'MIXED.case@x.io', password }))).toBe('EMAIL_TAKEN');
  });

  it('fails unknown email and wrong password alike, and rehashes old hashes', async () => {
    const address = email();
    await register(ctx, { email: address, password });

    expect(await codeOf(login(ctx, { email: address, password: 'wrong password' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(login(ctx, { email: email(), password }))).toBe('INVALID_CREDENTIALS');
    const stronger = { ...ctx, settings: { ...ctx.settings, scryptLogN: 11 } };
    await login(stronger, { email: address.toUpperCase(), password });
    expect((await ctx.users.findByEmail(address))?.passwordHash).toMatch(/^\$scrypt\$ln=11,/);
  });
});

describe('refresh rotation', () => {
  it('rotates, detects reuse and revokes the whole family including the newest token', async () => {
    const first = await register(ctx, { email: email(), password });
    const second = await refresh(ctx, first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    expect(await codeOf(refresh(ctx, first.refreshToken))).toBe('REFRESH_TOKEN_REUSED');
    expect(await codeOf(refresh(ctx, second.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it('lets exactly one of many concurrent refreshes succeed', async () => {
    const { refreshToken } = await register(ctx, { email: email(), password });

    const results = await Promise.allSettled(Array.from({ length: 5 }, () => refresh(ctx, refreshToken)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('rejects expired, unknown and logged-out tokens; logout is idempotent', async () => {
    const session = await register(ctx, { email: email(), password });
    const other = await login(ctx, { email: session.user.email, password });

    await logout(ctx, session.refreshToken);
    await logout(ctx, session.refreshToken);
    await logout(ctx, 'never-issued');
    expect(await codeOf(refresh(ctx, session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(await codeOf(refresh(ctx, 'never-issued'))).toBe('INVALID_REFRESH_TOKEN');
    ctx.advance(3601);
    expect(await codeOf(refresh(ctx, other.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it('revokes every family on a password change', async () => {
    const a = await register(ctx, { email: email(), password });
    const b = await login(ctx, { email: a.user.email, password });

    expect(await codeOf(changePassword(ctx, a.user.id, { currentPassword: 'nope nope', newPassword: 'new password' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    const fresh = await changePassword(ctx, a.user.id, { currentPassword: password, newPassword: 'new password' });

    expect(await codeOf(refresh(ctx, a.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(await codeOf(refresh(ctx, b.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(await codeOf(refresh(ctx, fresh.refreshToken))).toBeUndefined();
    expect(await codeOf(login(ctx, { email: a.user.email, password }))).toBe('INVALID_CREDENTIALS');
  });
});

describe('profile, deletion and admin', () => {
  it('updates the name and deletes the account after running every cleanup', async () => {
    const { user, refreshToken } = await register(ctx, { email: email(), password });
    expect((await updateProfile(ctx, user.id, { name: 'Grace' })).name).toBe('Grace');
    expect((await updateProfile(ctx, user.id, { name: null })).name).toBeNull();
    const ran: string[] = [];

    await deleteAccount(ctx, user.id, [{ name: 'files', run: async (id) => void ran.push(id) }]);

    expect(ran).toEqual([user.id]);
    expect(await codeOf(getProfile(ctx, user.id))).toBe('USER_NOT_FOUND');
    expect(await ctx.refreshTokens.find(hashRefreshToken(refreshToken))).toBeNull();
  });

  it('disables a user: no login, no refresh, no profile', async () => {
    const admin = await register(ctx, { email: email(), password });
    const target = await register(ctx, { email: email(), password });

    await updateUserAsAdmin(ctx, admin.user.id, target.user.id, { disabled: true });

    expect(await codeOf(login(ctx, { email: target.user.email, password }))).toBe('ACCOUNT_DISABLED');
    expect(await codeOf(refresh(ctx, target.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    expect(await codeOf(getProfile(ctx, target.user.id))).toBe('ACCOUNT_DISABLED');
    expect(await codeOf(updateUserAsAdmin(ctx, admin.user.id, admin.user.id, { disabled: true }))).toBe('FORBIDDEN');
    expect(await codeOf(updateUserAsAdmin(ctx, admin.user.id, 'not-an-id', { role: 'admin' }))).toBe('USER_NOT_FOUND');
  });

  it('pages through every user with a cursor and rejects a forged cursor', async () => {
    const seen: string[] = [];
    let page = await listUsers(ctx, { limit: 3 });
    seen.push(...page.items.map((u) => u.id));
    while (page.nextCursor) {
      page = await listUsers(ctx, { limit: 3, cursor: page.nextCursor });
      seen.push(...page.items.map((u) => u.id));
    }

    const all = await ctx.users.list({ limit: 1000 });
    expect(seen).toEqual(all.map((u) => u.id));
    expect(await codeOf(listUsers(ctx, { limit: 3, cursor: 'bm90LWFuLWlk' }))).toBe('INVALID_CURSOR');
    expect(await codeOf(listUsers(ctx, { limit: 3, cursor: '!!' }))).toBe('INVALID_CURSOR');
  });
});
