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
 * The MongoDB repositories of users and refresh tokens. Indexes (unique
 * email, refresh-token TTL) are ensured once per process, at init when
 * warmed; a failure is retried by the next call. Needs only `MONGODB_URI`
 * (logout has no signing key bound).
 */
export const userStores = defineClient({
  name: 'user-stores',
  resource: 'mongo',
  warm: true,
  create: async (runtime): Promise<UserStores> => {
    const { db } = runtime.get(mongoClient);
    const users = mongoUserRepository(db);
    const refreshTokens = mongoRefreshTokenRepository(db);
    await Promise.all([users.ensureIndexes(), refreshTokens.ensureIndexes()]);
    return { users: forgettingWrites(users, runtime.get(accountGuard)), refreshTokens };
  },
});

/** The repositories plus the key set and settings: what the session use cases need. */
export async function usersContext(runtime: Runtime): Promise<UsersContext> {
  return { ...(await runtime.get(userStores)), keys: runtime.get(keySet), settings: usersSettings(runtime.config) };
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
