import { AppError } from '../errors';

/**
 * The opaque pagination cursor of every list: `base64url` of its parts joined
 * by `.`. Decoding checks the exact round trip and the caller's test of the
 * parts, so anything this API did not issue is `INVALID_CURSOR`.
 *
 * @example
 * const cursor = encodeCursor([String(file.createdAt.getTime()), file.id]);
 * const [ms, id] = decodeCursor(cursor, 2, ([ms, id]) => /^\d+$/.test(ms!) && isId(id!));
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(parts.join('.'), 'utf8').toString('base64url');
}

/** The `arity` parts of a cursor this API issued; `INVALID_CURSOR` otherwise. */
export function decodeCursor(cursor: string, arity: number, valid: (parts: string[]) => boolean): string[] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const parts = arity === 1 ? [text] : text.split('.');
  if (parts.length !== arity || parts.some((p) => p === '') || encodeCursor(parts) !== cursor || !valid(parts)) {
    throw new AppError('INVALID_CURSOR', 'not a cursor from this API');
  }
  return parts;
}
