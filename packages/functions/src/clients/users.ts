import { usersSettings, type UsersContext } from '@nocturnal/core/users/context';
import { mongoRefreshTokenRepository } from '@nocturnal/core/users/refresh-tokens.mongo';
import { mongoUserRepository } from '@nocturnal/core/users/users.mongo';
import { getDeps, onClose } from '../deps';
import { getMongo } from './mongo';
import { getKeySet } from './tokens';

export type UserStores = Pick<UsersContext, 'users' | 'refreshTokens'>;

let stores: Promise<UserStores> | undefined;

/**
 * The process-wide MongoDB repositories. Indexes (unique email, refresh-token
 * TTL) are ensured once per process; a failure is retried by the next call.
 * Needs only `MONGODB_URI` (logout has no signing key bound).
 */
export function getUserStores(): Promise<UserStores> {
  if (stores) return stores;
  const { db } = getMongo();
  const users = mongoUserRepository(db);
  const refreshTokens = mongoRefreshTokenRepository(db);
  const pending = Promise.all([users.ensureIndexes(), refreshTokens.ensureIndexes()]).then(() => ({ users, refreshTokens }));
  stores = pending;
  pending.catch(() => {
    if (stores === pending) stores = undefined;
  });
  onClose(() => {
    stores = undefined;
  });
  return pending;
}

/** The repositories plus the key set and settings: what the session use cases need. */
export async function getUsersContext(): Promise<UsersContext> {
  const { config } = getDeps();
  return { ...(await getUserStores()), keys: getKeySet(), settings: usersSettings(config) };
}

/**
 * Starts connecting and creating indexes while the function initialises (Lambda's
 * init phase, the local server's start), not during the first request. Errors
 * are left to the first request, which retries.
 */
export function warmUserStores(): void {
  try {
    getUserStores().catch(() => undefined);
  } catch {
    // A missing setting: route() has already failed the cold start for it.
  }
}
