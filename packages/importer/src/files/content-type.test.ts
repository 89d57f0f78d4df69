import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleBytes } from '../testing';
import { looksLikeText, sniffContentType, UNKNOWN_TYPE } from './content-type';

const dir = mkdtempSync(join(tmpdir(), 'sniff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sniff = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return sniffContentType(path, name);
};

describe('sniffContentType', () => {
  it('knows binary formats by their bytes, whatever the name says', async () => {
    expect(await sniff('photo.txt', sampleBytes.png())).toBe('image/png');
    expect(await sniff('photo', sampleBytes.jpeg())).toBe('image/jpeg');
    expect(await sniff('anim.png', sampleBytes.gif())).toBe('image/gif');
    expect(await sniff('report', sampleBytes.pdf())).toBe('application/pdf');
    expect(await sniff('archive.csv', sampleBytes.zip())).toBe('application/zip');
  });

  it('takes UTF-8 without control characters as text, CSV when named so', async () => {
    expect(await sniff('notes', sampleBytes.text())).toBe('text/plain');
    expect(await sniff('notes.txt', Buffer.from('grüße, 日本語\r\n\tok\n'))).toBe('text/plain');
    expect(await sniff('sizes.CSV', sampleBytes.csv())).toBe('text/csv');
  });

  it('calls anything else application/octet-stream', async () => {
    expect(await sniff('blob', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x10]))).toBe(UNKNOWN_TYPE);
    expect(await sniff('latin1.txt', Buffer.from('caf\xe9', 'latin1'))).toBe(UNKNOWN_TYPE);
  });
});

describe('looksLikeText', () => {
  it('accepts a character cut by the end of a sample, not at the end of a file', () => {
    const bytes = Buffer.from('ok é');

    expect(looksLikeText(bytes.subarray(0, bytes.length - 1), true)).toBe(true);
    expect(looksLikeText(bytes.subarray(0, bytes.length - 1))).toBe(false);
    expect(looksLikeText(Buffer.from('a\u0000b'))).toBe(false);
    expect(looksLikeText(Buffer.from('\u001b[31mred'))).toBe(false);
  });
});
