import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { normaliseContentType, validateUpload } from './validation';

const settings = { allowedTypes: ['image/png', 'text/plain'], maxBytes: 100 };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('normaliseContentType', () => {
  it.each([
    [' IMAGE/PNG ', 'image/png'],
    ['Text/Plain ; charset=UTF-8', 'text/plain; charset=UTF-8'],
    ['text/plain;charset="utf-8"', 'text/plain; charset="utf-8"'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseContentType(raw)).toBe(expected);
  });

  it.each(['', 'png', 'image/', 'image/png\r\nx-evil: 1', 'text/plain; charset', 'a/b c'])('refuses %j', (raw) => {
    expect(normaliseContentType(raw)).toBeNull();
  });
});

describe('validateUpload', () => {
  it('normalises the declaration', () => {
    expect(validateUpload(settings, { filename: '../a.png', contentType: 'Image/PNG', size: 100 })).toEqual({
      filename: '.._a.png',
      contentType: 'image/png',
      size: 100,
    });
  });

  it('checks the type by its essence, parameters allowed', () => {
    expect(validateUpload(settings, { filename: 'a', contentType: 'text/plain; charset=utf-8', size: 1 }).contentType).toBe(
      'text/plain; charset=utf-8',
    );
  });

  it.each([
    ['a type outside the allow-list', { contentType: 'application/x-msdownload', size: 1 }, 'FILE_TYPE_NOT_ALLOWED'],
    ['a malformed type', { contentType: 'image/png\nx', size: 1 }, 'FILE_TYPE_NOT_ALLOWED'],
    ['a size over the maximum', { contentType: 'image/png', size: 101 }, 'FILE_TOO_LARGE'],
    ['an empty file', { contentType: 'image/png', size: 0 }, 'INVALID_FILE_SIZE'],
    ['a fractional size', { contentType: 'image/png', size: 1.5 }, 'INVALID_FILE_SIZE'],
  ])('refuses %s', (_name, input, code) => {
    expect(codeOf(() => validateUpload(settings, { filename: 'x', ...input }))).toBe(code);
  });
});
