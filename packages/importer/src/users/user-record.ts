import { passwordHashScheme, type PasswordHashScheme } from '@nocturnal/core/auth/passwords';
import { isRole, type Role } from '@nocturnal/core/auth/roles';
import { email as emailSchema, name as nameSchema } from '@nocturnal/functions/auth/schemas';

/** One account to import, checked as the API checks its input. */
export interface UserRecord {
  /** Normalised as registration does (the API's own schema). */
  email: string;
  passwordHash: string;
  scheme: PasswordHashScheme;
  role: Role;
  name: string | null;
  createdAt: Date | undefined;
  disabled: boolean;
}

export type ParsedUser = { ok: true; user: UserRecord } | { ok: false; code: string; reason: string; email?: string };

/**
 * Checks one input record `{email, passwordHash, role?, name?, createdAt?,
 * disabled?}` (a JSON line or a MongoDB document; other fields are ignored).
 * The email and name go through the API's own schemas, so every imported
 * account can log in; the hash must be bcrypt or our scrypt, never anything
 * that could verify by accident; the role defaults to `user`.
 *
 * @example
 * parseUserRecord({ email: ' Ada@X.io ', passwordHash: '$2b$10$…' }); // { ok: true, user: { email: 'ada@x.io', role: 'user', … } }
 * parseUserRecord({ email: 'ada@x.io', passwordHash: 'md5:…' });     // { ok: false, code: 'UNKNOWN_PASSWORD_HASH', … }
 */
export function parseUserRecord(raw: unknown): ParsedUser {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'INVALID_RECORD', reason: 'expected an object {email, passwordHash, …}' };
  }
  const r = raw as Record<string, unknown>;
  const email = emailSchema.safeParse(r.email);
  if (!email.success) return { ok: false, code: 'INVALID_EMAIL', reason: 'email is missing or not an email address' };
  const fail = (code: string, reason: string): ParsedUser => ({ ok: false, code, reason, email: email.data });

  if (typeof r.passwordHash !== 'string' || r.passwordHash === '') return fail('MISSING_PASSWORD_HASH', 'passwordHash is missing');
  const scheme = passwordHashScheme(r.passwordHash);
  if (!scheme) {
    return fail('UNKNOWN_PASSWORD_HASH', 'passwordHash is neither bcrypt ($2a$, $2b$, $2y$) nor this API\'s scrypt; it was not stored');
  }
  const role = r.role ?? 'user';
  if (!isRole(role)) return fail('INVALID_ROLE', 'role must be "user" or "admin"');
  let name: string | null = null;
  if (r.name !== undefined && r.name !== null && r.name !== '') {
    const parsed = nameSchema.safeParse(r.name);
    if (!parsed.success) return fail('INVALID_NAME', 'name must be text of 1 to 100 characters');
    name = parsed.data;
  }
  const createdAt = dateOf(r.createdAt);
  if (createdAt === null) return fail('INVALID_CREATED_AT', 'createdAt must be an ISO 8601 date or epoch milliseconds');
  const disabled = r.disabled ?? false;
  if (typeof disabled !== 'boolean') return fail('INVALID_DISABLED', 'disabled must be true or false');
  return { ok: true, user: { email: email.data, passwordHash: r.passwordHash, scheme, role, name, createdAt, disabled } };
}

/** `undefined` when absent, `null` when present but not a date. */
function dateOf(value: unknown): Date | undefined | null {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  return date && Number.isFinite(date.getTime()) ? date : null;
}
