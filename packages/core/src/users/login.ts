import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { AppError } from '../errors';
import { nowOf, type UsersContext } from './context';
import { normaliseEmail } from './email';
import { issueSession, type Session } from './session';

export interface LoginInput {
  email: string;
  password: string;
}

/**
 * Checks the password and starts a new refresh-token family. An unknown email
 * costs the same scrypt as a wrong password (against a dummy hash) and fails
 * with the same `INVALID_CREDENTIALS`, so neither timing nor body tells them
 * apart. A disabled account is only revealed to someone holding its password.
 * A hash made with older parameters is replaced.
 *
 * @example
 * const { accessToken, refreshToken } = await login(ctx, { email, password });
 */
export async function login(ctx: UsersContext, input: LoginInput): Promise<Session> {
  const logN = ctx.settings.scryptLogN;
  const user = await ctx.users.findByEmail(normaliseEmail(input.email));
  const matches = await verifyPassword(input.password, user?.passwordHash ?? dummyPasswordHash(logN));
  if (!user || !matches) throw new AppError('INVALID_CREDENTIALS', 'Invalid email or password');
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  let current = user;
  if (needsRehash(user.passwordHash, logN)) {
    const passwordHash = await hashPassword(input.password, logN);
    current = (await ctx.users.update(user.id, { passwordHash }, nowOf(ctx))) ?? user;
  }
  return issueSession(ctx, current);
}
