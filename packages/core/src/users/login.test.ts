import { hash as bcryptHash } from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import { codeOf } from '../testing';
import { login } from './login';
import { createTestUsersContext, type TestUsersContext } from './testing';

let harness: Harness;
let ctx: TestUsersContext;
let n = 0;
const email = () => `legacy${++n}@x.io`;
const password = 'from the old app';

beforeAll(async () => {
  harness = await startHarness('login_legacy');
  ctx = await createTestUsersContext(harness.db);
});
afterAll(() => harness?.close());

/** An account as the importer stores it: the single-server API's bcrypt hash, verbatim. */
async function legacyUser(opts: { cost?: number; disabled?: boolean; passwordHash?: string } = {}) {
  const passwordHash = opts.passwordHash ?? (await bcryptHash(password, opts.cost ?? 4));
  const user = await ctx.users.create({ email: email(), name: null, role: 'user', passwordHash }, new Date(ctx.now!()));
  if (opts.disabled) await ctx.users.update(user.id, { disabled: true }, new Date(ctx.now!()));
  return user;
}

describe('login with a legacy bcrypt hash', () => {
  it('verifies it and replaces it with our scrypt hash in the same request', async () => {
    for (const cost of [4, 5]) {
      const user = await legacyUser({ cost });

      const session = await login(ctx, { email: user.email.toUpperCase(), password });

      expect(session.user.id).toBe(user.id);
      const stored = (await ctx.users.findById(user.id))!;
      expect(stored.passwordHash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
      expect(stored.tokenVersion).toBe(user.tokenVersion);
      expect((await login(ctx, { email: user.email, password })).user.id).toBe(user.id);
    }
  });

  it('answers a wrong password as for any account, and keeps the hash', async () => {
    const user = await legacyUser();

    expect(await codeOf(login(ctx, { email: user.email, password: 'not the password' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(login(ctx, { email: email(), password }))).toBe('INVALID_CREDENTIALS');
    expect((await ctx.users.findById(user.id))!.passwordHash).toBe(user.passwordHash);
  });

  it('reveals a disabled account only to the password holder, without upgrading it', async () => {
    const user = await legacyUser({ disabled: true });

    expect(await codeOf(login(ctx, { email: user.email, password: 'not the password' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(login(ctx, { email: user.email, password }))).toBe('ACCOUNT_DISABLED');
    expect((await ctx.users.findById(user.id))!.passwordHash).toBe(user.passwordHash);
  });

  it('never logs in with a hash of an unknown format', async () => {
    const user = await legacyUser({ passwordHash: password });

    expect(await codeOf(login(ctx, { email: user.email, password }))).toBe('INVALID_CREDENTIALS');
  });
});
