import { describe, expect, it } from 'vitest';
import { asciiFallback, contentDisposition, encodeRfc8187 } from './content-disposition';
import { sanitizeFilename } from './filename';

/** What a browser recovers from the header: `filename*` wins over `filename`. */
function parse(header: string): { fallback: string; name: string } {
  const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(header);
  if (!m) throw new Error(`malformed: ${header}`);
  return { fallback: m[1]!, name: decodeURIComponent(m[2]!) };
}

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('naïve "plan".pdf')).toBe(
      `attachment; filename="naive _plan_.pdf"; filename*=UTF-8''na%C3%AFve%20%22plan%22.pdf`,
    );
  });

  it.each([
    'plain.txt',
    '../../etc/passwd',
    'line\r\nbreak: injected.txt',
    'quote"back\\slash%percent.txt',
    "it's (really) *fine*.txt",
    '日本語 ファイル.png',
    'emoji 👩‍👩‍👧 🎉.png',
    `${'ü'.repeat(400)}.csv`,
    'bad\uD800surrogate.txt',
    '\u202Egnp.exe',
  ])('is pure, well-formed ASCII and round-trips %j', (raw) => {
    const header = contentDisposition(raw);

    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(parse(header).name).toBe(sanitizeFilename(raw));
    expect(parse(header).fallback).not.toMatch(/["\\%/]/);
  });

  it('encodes the characters outside attr-char that encodeURIComponent leaves', () => {
    expect(encodeRfc8187("a'b(c)d*e!")).toBe('a%27b%28c%29d%2Ae!');
  });

  it('falls back to "download" when nothing ASCII is left', () => {
    expect(asciiFallback('   ')).toBe('download');
    expect(asciiFallback('日本')).toBe('__');
  });
});
