import { hash as bcryptHash } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, needsRehash, passwordHashScheme, verifyPassword } from './passwords';

const LOG_N = 10; // fast; the parameters are data in the stored string

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', LOG_N);

    expect(stored).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password', LOG_N)).not.toBe(await hashPassword('same password', LOG_N));
  });

  it('treats canonically equivalent Unicode as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait', LOG_N);

    expect(await verifyPassword('cafe\u0301 au lait', stored)).toBe(true);
  });

  it('verifies with the parameters stored in the hash and flags old ones for rehash', async () => {
    const old = await hashPassword('long enough', 11);

    expect(await verifyPassword('long enough', old)).toBe(true);
    expect(needsRehash(old, 11)).toBe(false);
    expect(needsRehash(old, 12)).toBe(true);
    expect(needsRehash('garbage', 12)).toBe(true);
  });

  it('raises maxmem so OWASP parameters (N = 2^17) work', async () => {
    const stored = await hashPassword('long enough', 17);

    expect(await verifyPassword('long enough', stored)).toBe(true);
  });

  it('never throws on a malformed stored value', async () => {
    for (const stored of ['', 'plain', '$scrypt$ln=99,r=8,p=1$AAAA$AAAA', '$scrypt$ln=10,r=0,p=1$AAAA$AAAA']) {
      expect(await verifyPassword('whatever1', stored)).toBe(false);
    }
  });

  it('has a dummy hash that matches nothing and costs a real scrypt', async () => {
    const dummy = dummyPasswordHash(LOG_N);

    expect(dummyPasswordHash(LOG_N)).toBe(dummy);
    expect(needsRehash(dummy, LOG_N)).toBe(false);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword('password1', dummy)).toBe(false);
  });

  it('verifies legacy bcrypt hashes made by the library at two costs, and always asks for a rehash', async () => {
    for (const cost of [4, 6]) {
      const stored = await bcryptHash('legacy password', cost);

      expect(stored.startsWith(`$2b$0${cost}$`)).toBe(true);
      expect(passwordHashScheme(stored)).toBe('bcrypt');
      expect(await verifyPassword('legacy password', stored)).toBe(true);
      expect(await verifyPassword('legacy passworD', stored)).toBe(false);
      expect(needsRehash(stored, LOG_N)).toBe(true);
    }
  });

  it('accepts the $2a$ and $2y$ spellings of bcrypt', async () => {
    const stored = await bcryptHash('same algorithm', 4);

    for (const prefix of ['$2a$', '$2y$']) {
      expect(await verifyPassword('same algorithm', prefix + stored.slice(4))).toBe(true);
    }
  });

  it('never verifies a hash of an unknown format, even when it holds the password itself', async () => {
    const bcrypt = await bcryptHash('password1', 4);
    const unknown = [
      'password1',
      '5f4dcc3b5aa765d61d8327deb882cf99',
      '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g',
      '$2x$' + bcrypt.slice(4),
      '$2b$03$' + bcrypt.slice(7),
      bcrypt.slice(0, -1),
      bcrypt + 'A',
      `$pbkdf2-sha256$29000$${'A'.repeat(22)}`,
    ];

    for (const stored of unknown) {
      expect(passwordHashScheme(stored)).toBeUndefined();
      expect(await verifyPassword('password1', stored)).toBe(false);
    }
  });

  it('names the scheme of our own hashes', async () => {
    expect(passwordHashScheme(await hashPassword('long enough', LOG_N))).toBe('scrypt');
    expect(passwordHashScheme(dummyPasswordHash(LOG_N))).toBe('scrypt');
  });
});
