import { describe, expect, it } from 'vitest';
import { hashPassword } from '@nocturnal/core/auth/passwords';
import { bcryptHash } from '../testing';
import { parseUserRecord } from './user-record';

const codeOf = (raw: unknown) => {
  const parsed = parseUserRecord(raw);
  return parsed.ok ? undefined : parsed.code;
};

describe('parseUserRecord', () => {
  it('normalises the email as registration does and keeps role, name, date and state', async () => {
    const passwordHash = await bcryptHash('password1', 4);

    const parsed = parseUserRecord({ email: '  Ada@Example.COM ', passwordHash, role: 'admin', name: ' Ada ', createdAt: '2019-05-01T10:00:00Z', disabled: true, _id: 'x', __v: 0 });

    expect(parsed).toEqual({
      ok: true,
      user: { email: 'ada@example.com', passwordHash, scheme: 'bcrypt', role: 'admin', name: 'Ada', createdAt: new Date('2019-05-01T10:00:00Z'), disabled: true },
    });
  });

  it('defaults to an enabled user without a name, and takes our own scrypt hashes and epoch dates', async () => {
    const parsed = parseUserRecord({ email: 'b@x.io', passwordHash: await hashPassword('password1', 10), name: null, createdAt: 1_556_704_800_000 });

    expect(parsed).toMatchObject({ ok: true, user: { role: 'user', name: null, disabled: false, scheme: 'scrypt', createdAt: new Date(1_556_704_800_000) } });
  });

  it('rejects each bad field with its own code', async () => {
    const passwordHash = await bcryptHash('password1', 4);
    const ok = { email: 'c@x.io', passwordHash };

    expect(codeOf('a string')).toBe('INVALID_RECORD');
    expect(codeOf({ ...ok, email: 'not an email' })).toBe('INVALID_EMAIL');
    expect(codeOf({ ...ok, email: { $gt: '' } })).toBe('INVALID_EMAIL');
    expect(codeOf({ email: 'c@x.io' })).toBe('MISSING_PASSWORD_HASH');
    expect(codeOf({ ...ok, passwordHash: '5f4dcc3b5aa765d61d8327deb882cf99' })).toBe('UNKNOWN_PASSWORD_HASH');
    expect(codeOf({ ...ok, passwordHash: 'password1' })).toBe('UNKNOWN_PASSWORD_HASH');
    expect(codeOf({ ...ok, role: 'root' })).toBe('INVALID_ROLE');
    expect(codeOf({ ...ok, name: 'x'.repeat(101) })).toBe('INVALID_NAME');
    expect(codeOf({ ...ok, createdAt: 'last tuesday' })).toBe('INVALID_CREATED_AT');
    expect(codeOf({ ...ok, disabled: 'yes' })).toBe('INVALID_DISABLED');
  });

  it('names the email of a rejected line when it has one', () => {
    expect(parseUserRecord({ email: 'D@x.io', passwordHash: 'md5:x' })).toMatchObject({ ok: false, email: 'd@x.io' });
  });
});
