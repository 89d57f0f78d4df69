import { hashPassword, verifyPassword } from '../auth/passwords';
import { AppError } from '../errors';
import { loadActiveUser } from './active-user';
import { nowOf, type UsersContext } from './context';
import { issueSession, type Session } from './session';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Replaces the password after checking the current one, revokes every
 * refresh-token family of the user and every access token issued before (all
 * devices are logged out) and returns a fresh session for the caller.
 *
 * @example
 * const session = await changePassword(ctx, auth.userId, { currentPassword, newPassword }); // INVALID_CREDENTIALS
 */
export async function changePassword(ctx: UsersContext, userId: string, input: ChangePasswordInput): Promise<Session> {
  const user = await loadActiveUser(ctx, userId);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('INVALID_CREDENTIALS', 'The current password is not correct');
  }
  const now = nowOf(ctx);
  const passwordHash = await hashPassword(input.newPassword, ctx.settings.scryptLogN);
  const updated = await ctx.users.update(user.id, { passwordHash }, now, { revokeTokens: true });
  if (!updated) throw new AppError('USER_NOT_FOUND');
  await ctx.refreshTokens.revokeAllForUser(user.id, now);
  return issueSession(ctx, updated);
}
