import { describe, expect, it } from 'vitest';
import { FILENAME_MAX_BYTES, sanitizeFilename } from './filename';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('sanitizeFilename', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['..\\windows\\system.ini', '.._windows_system.ini'],
    ['  spaced name.txt \n', 'spaced name.txt'],
    ['tab\there\u0000nul\u007fdel\u0085nel.txt', 'tabherenuldelnel.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['quote"and\'apostrophe.txt', 'quote"and\'apostrophe.txt'],
    ['日本語のファイル.png', '日本語のファイル.png'],
    ['..', 'file'],
    ['', 'file'],
    ['\u0001\u0002', 'file'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('composes to NFC, so the same name always compares equal', () => {
    expect(sanitizeFilename('re\u0301sume\u0301.pdf')).toBe('r\u00e9sum\u00e9.pdf');
  });

  it('replaces lone surrogates instead of failing later in encodeURIComponent', () => {
    const name = sanitizeFilename('bad\uD800name.txt');

    expect(name).toBe('bad\uFFFDname.txt');
    expect(() => encodeURIComponent(name)).not.toThrow();
  });

  it('shortens very long names to 255 UTF-8 bytes, keeping the extension', () => {
    const name = sanitizeFilename(`${'a'.repeat(1000)}.pdf`);

    expect(bytes(name)).toBe(FILENAME_MAX_BYTES);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('never splits a multi-byte character or an emoji when shortening', () => {
    const name = sanitizeFilename(`${'é'.repeat(200)}${'👩‍👩‍👧'.repeat(20)}.txt`);

    expect(bytes(name)).toBeLessThanOrEqual(FILENAME_MAX_BYTES);
    expect(name).not.toContain('\uFFFD');
    expect(name.endsWith('👩‍👩‍👧.txt') || name.endsWith('é.txt')).toBe(true);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });
});
