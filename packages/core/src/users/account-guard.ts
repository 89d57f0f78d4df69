import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Role } from '../auth/roles';
import type { User, UserRepository } from './types';

/** What a verified access token says about its account. */
export interface TokenClaims {
  userId: string;
  role: Role;
  tokenVersion: number;
}

/** Why a token no longer speaks for its account. */
export const REVOCATIONS = ['deleted', 'disabled', 'role-changed', 'revoked'] as const;
export type Revocation = (typeof REVOCATIONS)[number];

/**
 * Whether a verified token still speaks for its account: the account exists,
 * is enabled, has the token's role, and has not raised its token version
 * since (a password change, log out everywhere, an admin's change).
 *
 * @example
 * revocationOf(await users.findById(claims.userId), claims); // undefined | 'deleted' | …
 */
export function revocationOf(user: User | null, claims: TokenClaims): Revocation | undefined {
  if (!user) return 'deleted';
  if (user.disabled) return 'disabled';
  if (user.role !== claims.role) return 'role-changed';
  if (user.tokenVersion !== claims.tokenVersion) return 'revoked';
  return undefined;
}

/** A verified token refused because its account changed: `INVALID_TOKEN` to the client, the reason kept for logs and metrics. */
export class RevokedTokenError extends AppError<'INVALID_TOKEN'> {
  constructor(readonly revocation: Revocation) {
    super('INVALID_TOKEN', 'The access token is invalid or expired', { cause: `account ${revocation}` });
    this.name = 'RevokedTokenError';
  }
}

export interface AccountGuardOptions {
  users: Pick<UserRepository, 'findById'>;
  /** How long an account's state is reused: the fleet-wide revocation bound. */
  cacheMs: number;
  maxEntries?: number;
  now?: Clock;
}

/**
 * Checks every authenticated request against its account's current state,
 * through a short per-instance cache so a user's burst costs one read per
 * `cacheMs`. `fresh` reads (admin routes) skip the cache. A store that cannot
 * be read fails closed with `ACCOUNT_STATE_UNAVAILABLE`.
 *
 * @example
 * const guard = createAccountGuard({ users, cacheMs: 2_000 });
 * await guard.assertCurrent(claims, { fresh: route.auth.role === 'admin' }); // INVALID_TOKEN when revoked
 */
export function createAccountGuard(opts: AccountGuardOptions) {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 10_000;
  const cache = new Map<string, { user: User | null; at: number }>();

  const read = async (userId: string, fresh: boolean): Promise<User | null> => {
    const hit = cache.get(userId);
    if (!fresh && hit && now() - hit.at < opts.cacheMs) return hit.user;
    let user: User | null;
    try {
      user = await opts.users.findById(userId);
    } catch (error) {
      throw new AppError('ACCOUNT_STATE_UNAVAILABLE', 'The account store cannot be read', { cause: error });
    }
    cache.delete(userId);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(userId, { user, at: now() });
    return user;
  };

  return {
    async assertCurrent(claims: TokenClaims, { fresh = false }: { fresh?: boolean } = {}): Promise<void> {
      const revocation = revocationOf(await read(claims.userId, fresh), claims);
      if (revocation) throw new RevokedTokenError(revocation);
    },
    /** Drops a cached account after this instance changed it, so its own next request sees the change at once. */
    forget(userId: string): void {
      cache.delete(userId);
    },
  };
}

export type AccountGuard = ReturnType<typeof createAccountGuard>;
