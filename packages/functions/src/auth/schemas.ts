/**
 * The zod schemas of the auth and user routes. Strict objects (unknown fields
 * → 400) and primitives only, so `{"email": {"$gt": ""}}` never reaches MongoDB.
 */
import * as z from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@nocturnal/core/auth/passwords';
import { ROLES } from '@nocturnal/core/auth/roles';
import { normaliseEmail } from '@nocturnal/core/users/email';

/** Trimmed and lower-cased before the format check, as core stores it. */
export const email = z
  .string()
  .transform(normaliseEmail)
  .pipe(z.email().max(254))
  .meta({ override: { format: 'email', maxLength: 254 }, description: 'Trimmed and lower-cased before it is checked and stored.' });
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

/** The `cursor` of every list (optional): opaque, issued by this API as the previous page's `nextCursor`. */
export const cursor = z.string().min(1).max(200).optional().meta({
  description: "The previous page's `nextCursor`, as it was; anything this API did not issue is 400 `VALIDATION_FAILED` on `query.cursor`.",
});
export const pageLimit = z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Items per page.' });

export const adminListQuery = z.strictObject({ limit: pageLimit, cursor });
export const adminUserParams = z.object({ id: z.string().min(1).max(100) });
export const adminUserBody = z
  .strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, { message: 'set role, disabled or both' })
  .meta({ description: 'Set `role`, `disabled` or both.', override: { minProperties: 1 } });

// Responses: the OpenAPI document renders these, handlers type their answers by them
// (`reply()`), and the contract test holds every answer of the suite to them.

/** A MongoDB ObjectId as this API spells it: 24 lower-case hex digits. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/).meta({ example: '665f1c2ab4d3e8a9f0c1d2e3' });
const timestamp = z.iso.datetime().meta({ example: '2026-05-01T12:00:00.000Z' });

export const publicUser = z
  .object({
    id: objectId,
    email: z.email().meta({ description: 'Trimmed and lower-cased; unique.' }),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    disabled: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'User', description: 'What the API shows of a user.' });

export const session = z
  .object({
    user: publicUser,
    accessToken: z.string().meta({ description: 'A JWT (`typ: at+jwt`): send it as `Authorization: Bearer <accessToken>`.' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().positive().meta({ description: 'Access-token lifetime in seconds.' }),
    refreshToken: z.string().meta({ description: 'Opaque; rotated on every use (a reused one revokes its whole family).' }),
    refreshTokenExpiresAt: timestamp,
  })
  .meta({ id: 'Session', description: 'What register, login, refresh and a password change answer.' });

/** Where a list's next page starts; shared by every cursor-paginated list. */
export const nextCursor = z.string().nullable().meta({
  description: 'Pass it back as `cursor` (with the same filters) for the next page; `null` on the last page.',
});

export const userPage = z.object({ items: z.array(publicUser), nextCursor }).meta({ id: 'UserPage', description: 'Users, oldest first.' });
