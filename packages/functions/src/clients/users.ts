import { usersSettings, type UsersContext } from '@nocturnal/core/users/context';
import { mongoRefreshTokenRepository } from '@nocturnal/core/users/refresh-tokens.mongo';
import { mongoUserRepository } from '@nocturnal/core/users/users.mongo';
import { defineClient, type Runtime } from '../runtime';
import type { UserRepository } from '@nocturnal/core/users/types';
import type { AccountGuard } from '@nocturnal/core/users/account-guard';
import { accountGuard } from './account-guard';
import { mongoClient } from './mongo';
import { keySet } from './tokens';

export type UserStores = Pick<UsersContext, 'users' | 'refreshTokens'>;

/**
 * The MongoDB repositories of users and refresh tokens. Needs only
 * `MONGODB_URI` (logout has no signing key bound). Reads and updates do not
 * wait for the indexes: see {@link userIndexes}.
 */
export const userStores = defineClient({
  name: 'user-stores',
  resource: 'mongo',
  warm: true,
  create: async (runtime): Promise<UserStores> => {
    const { db } = runtime.get(mongoClient);
    return { users: forgettingWrites(mongoUserRepository(db), runtime.get(accountGuard)), refreshTokens: mongoRefreshTokenRepository(db) };
  },
});

/**
 * The indexes (unique email, refresh-token TTL), ensured once per process,
 * started at init when warmed; a failure is retried by the next call. Only
 * the session use cases wait for them (a registration needs the unique
 * email index in place); a profile read or an update does not pay the
 * round trips at a cold start.
 */
export const userIndexes = defineClient({
  name: 'user-indexes',
  resource: 'mongo',
  warm: true,
  create: async (runtime): Promise<void> => {
    const { db } = runtime.get(mongoClient);
    await Promise.all([mongoUserRepository(db).ensureIndexes(), mongoRefreshTokenRepository(db).ensureIndexes()]);
  },
});

/** The repositories plus the key set and settings: what the session use cases need (with the indexes in place). */
export async function usersContext(runtime: Runtime): Promise<UsersContext> {
  const [stores] = await Promise.all([runtime.get(userStores), runtime.get(userIndexes)]);
  return { ...stores, keys: runtime.get(keySet), settings: usersSettings(runtime.config) };
}

/** This instance's own writes to an account drop it from the guard's cache, so its next request sees them at once. */
function forgettingWrites(users: UserRepository, guard: AccountGuard): UserRepository {
  return {
    ...users,
    update: async (id, patch, now, opts) => {
      const updated = await users.update(id, patch, now, opts);
      guard.forget(id);
      return updated;
    },
    delete: async (id) => {
      const deleted = await users.delete(id);
      guard.forget(id);
      return deleted;
    },
  };
}
