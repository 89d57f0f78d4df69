import { AppError } from '../errors';
import type { UsersContext } from './context';
import type { User } from './types';

/**
 * The user behind a verified access token, if it still exists and is enabled.
 * Tokens are stateless, so a user deleted or disabled after the token was
 * issued is caught here, by every use case that touches the account.
 *
 * @example
 * const user = await loadActiveUser(ctx, auth.userId); // USER_NOT_FOUND | ACCOUNT_DISABLED
 */
export async function loadActiveUser(ctx: Pick<UsersContext, 'users'>, userId: string): Promise<User> {
  const user = await ctx.users.findById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  return user;
}
