import { describe, expect, it } from 'vitest';
import { createRefreshToken, hashRefreshToken } from './refresh-tokens';

describe('refresh tokens', () => {
  it('are 256-bit base64url strings stored only as their SHA-256', () => {
    const { token, hash } = createRefreshToken();

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashRefreshToken(token));
    expect(hash).not.toContain(token);
    expect(createRefreshToken().token).not.toBe(token);
  });
});
