import { describe, expect, it } from 'vitest';
import { decodeEventKey, objectKey, parseObjectKey } from './keys';

describe('object keys', () => {
  it('builds users/{userId}/{fileId} and parses it back', () => {
    const key = objectKey('665f1c2b9d3e4a0012345678', '665f1c2b9d3e4a0087654321');

    expect(key).toBe('users/665f1c2b9d3e4a0012345678/665f1c2b9d3e4a0087654321');
    expect(parseObjectKey(key)).toEqual({ userId: '665f1c2b9d3e4a0012345678', fileId: '665f1c2b9d3e4a0087654321' });
  });

  it.each(['../x', 'a/b', '', 'é', 'a'.repeat(65)])('refuses an id that could shape the key: %j', (id) => {
    expect(() => objectKey(id, 'f1')).toThrow();
    expect(() => objectKey('u1', id)).toThrow();
  });

  it.each(['other/u1/f1', 'users/u1', 'users/u1/f1/extra', 'users/../f1', 'users//f1'])('is not one of ours: %j', (key) => {
    expect(parseObjectKey(key)).toBeNull();
  });

  it('decodes keys from S3 event notifications', () => {
    expect(decodeEventKey('users/u1/f1')).toBe('users/u1/f1');
    expect(decodeEventKey('some+key%2Fwith%20escapes')).toBe('some key/with escapes');
  });
});
