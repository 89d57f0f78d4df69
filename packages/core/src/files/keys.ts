/**
 * Object keys: `users/{userId}/{fileId}`. Ids only, never the filename, so no
 * client input can shape a key (`../`, unicode, length).
 *
 * @example
 * objectKey('66a…', '66b…'); // 'users/66a…/66b…'
 */
export function objectKey(userId: string, fileId: string): string {
  if (!SEGMENT.test(userId) || !SEGMENT.test(fileId)) throw new Error('ids in object keys must be [A-Za-z0-9_-]');
  return `${PREFIX}${userId}/${fileId}`;
}

export const PREFIX = 'users/';
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The owner and file of a key, or `null` when it is not one of ours.
 *
 * @example
 * parseObjectKey('users/u1/f1'); // { userId: 'u1', fileId: 'f1' }
 */
export function parseObjectKey(key: string): { userId: string; fileId: string } | null {
  if (!key.startsWith(PREFIX)) return null;
  const parts = key.slice(PREFIX.length).split('/');
  if (parts.length !== 2 || !parts.every((p) => SEGMENT.test(p))) return null;
  return { userId: parts[0]!, fileId: parts[1]! };
}

/**
 * Keys in S3 event notifications are URL-encoded, with `+` for spaces.
 *
 * @example
 * decodeEventKey('users/u1/f%2D1'); // 'users/u1/f-1'
 */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}
