/**
 * The zod schemas of the auth and user routes. Strict objects (unknown fields
 * → 400) and primitives only, so `{"email": {"$gt": ""}}` never reaches MongoDB.
 */
import * as z from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@nocturnal/core/auth/passwords';
import { ROLES } from '@nocturnal/core/auth/roles';
import { normaliseEmail } from '@nocturnal/core/users/email';

/** Trimmed and lower-cased before the format check, as core stores it. */
export const email = z.string().transform(normaliseEmail).pipe(z.email().max(254));
export const password = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
/** Only bounded, so an over-long guess is refused before any hashing. */
export const currentPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);
export const name = z.string().trim().min(1).max(100);
export const refreshToken = z.string().min(1).max(256);

export const registerBody = z.strictObject({ email, password, name: name.optional() });
export const loginBody = z.strictObject({ email, password: currentPassword });
export const refreshBody = z.strictObject({ refreshToken });
export const profileBody = z.strictObject({ name: name.nullable() });
export const passwordBody = z.strictObject({ currentPassword, newPassword: password });

export const adminListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export const adminUserParams = z.object({ id: z.string().min(1).max(100) });
export const adminUserBody = z
  .strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, { message: 'set role, disabled or both' });
