import { AppError } from '../errors';
import { loadActiveUser } from './active-user';
import { nowOf, type UsersContext } from './context';
import { toPublicUser, type PublicUser } from './types';

/**
 * The caller's own account.
 *
 * @example
 * const me = await getProfile(ctx, auth.userId);
 */
export async function getProfile(ctx: Pick<UsersContext, 'users'>, userId: string): Promise<PublicUser> {
  return toPublicUser(await loadActiveUser(ctx, userId));
}

export interface ProfilePatch {
  /** `null` clears the name. */
  name?: string | null;
}

/**
 * Updates what a user may change about themselves (today: the name).
 *
 * @example
 * const me = await updateProfile(ctx, auth.userId, { name: 'Ada' });
 */
export async function updateProfile(
  ctx: Pick<UsersContext, 'users' | 'now'>,
  userId: string,
  patch: ProfilePatch,
): Promise<PublicUser> {
  await loadActiveUser(ctx, userId);
  const updated = await ctx.users.update(userId, patch.name === undefined ? {} : { name: patch.name }, nowOf(ctx));
  if (!updated) throw new AppError('USER_NOT_FOUND');
  return toPublicUser(updated);
}
