import { nowOf, type Clock } from '../clock';
import type { KeySet } from '../auth/keys';
import type { RefreshTokenRepository, UserRepository } from './types';

export interface UsersSettings {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** scrypt cost: N = 2^scryptLogN. */
  scryptLogN: number;
}

/**
 * Everything the user use cases need, built once per process at the
 * composition root. `now` is injectable for tests.
 *
 * @example
 * const ctx: UsersContext = { users, refreshTokens, keys, settings, now: () => new Date() };
 * await login(ctx, { email, password });
 */
export interface UsersContext {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  keys: KeySet;
  settings: UsersSettings;
  now?: Clock;
}

export { nowOf };

/** The settings from the typed configuration. */
export function usersSettings(config: {
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  ACCESS_TOKEN_TTL_SECONDS: number;
  REFRESH_TOKEN_TTL_SECONDS: number;
  PASSWORD_SCRYPT_LOG_N: number;
}): UsersSettings {
  return {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    scryptLogN: config.PASSWORD_SCRYPT_LOG_N,
  };
}
