import { describe, expect, it } from 'vitest';
import { scriptSha1, stripUnsupportedFlags } from './script-shebang';

describe('stripUnsupportedFlags', () => {
  it.each([
    ['#!lua flags=allow-key-locking\nreturn 1', '#!lua\nreturn 1'],
    ['#!lua flags=no-writes,allow-key-locking\nreturn 1', '#!lua flags=no-writes\nreturn 1'],
    ['#!lua flags=no-writes\nreturn 1', '#!lua flags=no-writes\nreturn 1'],
    ['#!lua\nreturn 1', '#!lua\nreturn 1'],
    ['return 1', 'return 1'],
    ['#!lua flags=allow-key-locking', '#!lua'],
  ])('%j → %j', (input, expected) => {
    expect(stripUnsupportedFlags(input)).toBe(expected);
  });

  it('returns the same string object when nothing changes', () => {
    const script = '#!lua flags=no-writes\nreturn 1';
    expect(stripUnsupportedFlags(script)).toBe(script);
  });
});

describe('scriptSha1', () => {
  it('hashes the UTF-8 bytes like Redis', () => {
    expect(scriptSha1('return 1')).toBe('e0e1f9fabfc9d4800c877a703b823ac0578ff8db');
  });
});
