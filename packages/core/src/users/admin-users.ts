import type { Role } from '../auth/roles';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor } from '../pagination/cursor';
import { nowOf, type UsersContext } from './context';
import { toPublicUser, type PublicUser } from './types';

export interface UserPage {
  items: PublicUser[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

/**
 * Lists users oldest first, `limit` at a time, with an opaque cursor (keyset
 * pagination: stable while users are added or removed).
 *
 * @example
 * let page = await listUsers(ctx, { limit: 50 });
 * while (page.nextCursor) page = await listUsers(ctx, { limit: 50, cursor: page.nextCursor });
 */
export async function listUsers(
  ctx: Pick<UsersContext, 'users'>,
  opts: { limit: number; cursor?: string },
): Promise<UserPage> {
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, 1, ([id]) => ctx.users.isId(id!))[0];
  const found = await ctx.users.list({ limit: opts.limit + 1, ...(after ? { after } : {}) });
  const items = found.slice(0, opts.limit);
  const last = items[items.length - 1];
  return { items: items.map(toPublicUser), nextCursor: found.length > opts.limit && last ? encodeCursor([last.id]) : null };
}

export interface AdminUserPatch {
  role?: Role;
  disabled?: boolean;
}

/**
 * An admin changes a user's role or disables them. A role change or a
 * disabling raises the user's token version, so every access token issued
 * before stops working (within the revocation bound); disabling also revokes
 * every refresh token. Admins cannot demote or disable themselves (that could
 * leave no admin at all). Ids are canonical: any other spelling is not found.
 *
 * @example
 * await updateUserAsAdmin(ctx, auth.userId, targetId, { disabled: true }); // USER_NOT_FOUND | FORBIDDEN
 */
export async function updateUserAsAdmin(
  ctx: Pick<UsersContext, 'users' | 'refreshTokens' | 'now'>,
  actorId: string,
  targetId: string,
  patch: AdminUserPatch,
): Promise<PublicUser> {
  if (actorId === targetId && (patch.role === 'user' || patch.disabled === true)) {
    throw new AppError('FORBIDDEN', 'Admins cannot demote or disable themselves');
  }
  const now = nowOf(ctx);
  const revokeTokens = patch.role !== undefined || patch.disabled === true;
  const updated = await ctx.users.update(targetId, patch, now, { revokeTokens });
  if (!updated) throw new AppError('USER_NOT_FOUND');
  if (patch.disabled === true) await ctx.refreshTokens.revokeAllForUser(targetId, now);
  return toPublicUser(updated);
}
