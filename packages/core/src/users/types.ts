import type { Role } from '../auth/roles';

/** A user as stored. `passwordHash` never leaves core: see {@link toPublicUser}. */
export interface User {
  id: string;
  /** Trimmed and lower-cased; unique. */
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  passwordHash: string;
  /**
   * Carried by every access token as `ver`; raised to take back every token
   * issued so far (password change, log out everywhere, disabling, a role change).
   */
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What the API shows of a user. */
export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type NewUser = Pick<User, 'email' | 'name' | 'role' | 'passwordHash'>;
export type UserPatch = Partial<Pick<User, 'name' | 'role' | 'disabled' | 'passwordHash'>>;

/**
 * Users storage port. Adapters: `users.mongo.ts`.
 *
 * @example
 * const user = await users.findByEmail(normaliseEmail(input));
 */
export interface UserRepository {
  /** Throws `AppError('EMAIL_TAKEN')` when the email exists. */
  create(user: NewUser, now: Date): Promise<User>;
  /** `null` for an unknown or malformed id. */
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** `null` when no such user. With `revokeTokens`, the same write raises `tokenVersion`. */
  update(id: string, patch: UserPatch, now: Date, opts?: { revokeTokens?: boolean }): Promise<User | null>;
  delete(id: string): Promise<boolean>;
  /** Whether `id` has the shape of an id of this store (malformed ids are never found). */
  isId(id: string): boolean;
  /** Oldest first, after the user with id `after` (keyset pagination). */
  list(opts: { limit: number; after?: string }): Promise<User[]>;
}

/** One refresh token; the token itself is never stored, only its SHA-256. */
export interface RefreshTokenRecord {
  hash: string;
  userId: string;
  /** Every token descended from one login shares it; reuse revokes the family. */
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set when the token was exchanged for a new one. */
  usedAt: Date | null;
  /** Set by logout, password change, disabling, or detected reuse. */
  revokedAt: Date | null;
}

/**
 * Refresh-token storage port. Adapters: `refresh-tokens.mongo.ts`.
 *
 * @example
 * const record = await refreshTokens.consume(hashRefreshToken(token), new Date());
 */
export interface RefreshTokenRepository {
  insert(record: RefreshTokenRecord): Promise<void>;
  /**
   * Atomically marks an active (unused, unrevoked, unexpired) token used and
   * returns it; `null` when no active token has this hash. Of two concurrent
   * calls with one hash, exactly one gets the record.
   */
  consume(hash: string, now: Date): Promise<RefreshTokenRecord | null>;
  find(hash: string): Promise<RefreshTokenRecord | null>;
  revokeFamily(familyId: string, now: Date): Promise<void>;
  revokeAllForUser(userId: string, now: Date): Promise<void>;
  deleteAllForUser(userId: string): Promise<void>;
}

/**
 * Strips what must not leave core.
 *
 * @example
 * return json(200, toPublicUser(user));
 */
export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
