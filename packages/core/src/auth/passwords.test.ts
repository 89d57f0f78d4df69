import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords';

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
});
