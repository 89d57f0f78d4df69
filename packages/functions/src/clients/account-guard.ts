import { createAccountGuard } from '@nocturnal/core/users/account-guard';
import { mongoUserRepository } from '@nocturnal/core/users/users.mongo';
import { defineClient } from '../runtime';
import { mongoClient } from './mongo';

/**
 * The per-instance account-state check of every authenticated request
 * (revocation): accounts are re-read at most every `AUTH_STATE_CACHE_MS`,
 * admin routes always read fresh.
 */
export const accountGuard = defineClient({
  name: 'account-guard',
  resource: 'mongo',
  create: (runtime) =>
    createAccountGuard({ users: mongoUserRepository(runtime.get(mongoClient).db), cacheMs: runtime.config.AUTH_STATE_CACHE_MS }),
});
