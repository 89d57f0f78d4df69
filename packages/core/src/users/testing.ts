/** Test helpers only: a users context on a real (stand-in) MongoDB with a settable clock. */
import type { Db } from 'mongodb';
import { loadKeySet } from '../auth/keys';
import { generatePrivateJwk, jwksJson } from '../auth/testing';
import type { UsersContext, UsersSettings } from './context';
import { mongoRefreshTokenRepository } from './refresh-tokens.mongo';
import { mongoUserRepository } from './users.mongo';

export interface TestUsersContext extends UsersContext {
  /** Moves the injected clock. */
  advance(seconds: number): void;
}

export async function createTestUsersContext(db: Db, settings: Partial<UsersSettings> = {}): Promise<TestUsersContext> {
  const users = mongoUserRepository(db);
  const refreshTokens = mongoRefreshTokenRepository(db);
  await Promise.all([users.ensureIndexes(), refreshTokens.ensureIndexes()]);
  let now = Date.now();
  return {
    users,
    refreshTokens,
    keys: loadKeySet(jwksJson(generatePrivateJwk())),
    settings: {
      issuer: 'test-issuer',
      audience: 'test-audience',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 3600,
      scryptLogN: 10,
      ...settings,
    },
    now: () => now,
    advance: (seconds) => {
      now += seconds * 1000;
    },
  };
}
