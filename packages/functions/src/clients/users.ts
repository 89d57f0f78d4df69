import { usersSettings, type UsersContext } from '@nocturnal/core/users/context';
import { mongoRefreshTokenRepository } from '@nocturnal/core/users/refresh-tokens.mongo';
import { mongoUserRepository } from '@nocturnal/core/users/users.mongo';
import { getDeps, onClose } from '../deps';
import { getMongo } from './mongo';
import { getKeySet } from './tokens';

let ready: Promise<UsersContext> | undefined;

/**
 * The process-wide users context: MongoDB repositories, the key set and the
 * settings. Indexes (unique email, refresh-token TTL) are ensured once per
 * process on first use; a failure is retried by the next request.
 */
export function getUsersContext(): Promise<UsersContext> {
  if (ready) return ready;
  const { config } = getDeps();
  const { db } = getMongo();
  const users = mongoUserRepository(db);
  const refreshTokens = mongoRefreshTokenRepository(db);
  const ctx: UsersContext = { users, refreshTokens, keys: getKeySet(), settings: usersSettings(config) };
  const pending = Promise.all([users.ensureIndexes(), refreshTokens.ensureIndexes()]).then(() => ctx);
  ready = pending;
  pending.catch(() => {
    if (ready === pending) ready = undefined;
  });
  onClose(() => {
    ready = undefined;
  });
  return pending;
}
