import { dummyPasswordHash, hashPassword, needsRehash, passwordHashScheme, verifyPassword } from '../auth/passwords';
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
 * A hash made with older parameters, or a legacy bcrypt hash (imported from
 * the single-server API), is replaced by today's scrypt hash in this request.
 *
 * @example
 * const { accessToken, refreshToken } = await login(ctx, { email, password });
 */
export async function login(ctx: UsersContext, input: LoginInput): Promise<Session> {
  const logN = ctx.settings.scryptLogN;
  const user = await ctx.users.findByEmail(normaliseEmail(input.email));
  const stored = user?.passwordHash ?? dummyPasswordHash(logN);
  const checks = [verifyPassword(input.password, stored)];
  // A bcrypt check costs what its own cost factor says: running the dummy scrypt
  // beside it keeps every answer at least as slow as an unknown email's.
  if (passwordHashScheme(stored) !== 'scrypt') checks.push(verifyPassword(input.password, dummyPasswordHash(logN)));
  const [matches] = await Promise.all(checks);
  if (!user || !matches) throw new AppError('INVALID_CREDENTIALS', 'Invalid email or password');
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled');
  let current = user;
  if (needsRehash(user.passwordHash, logN)) {
    const passwordHash = await hashPassword(input.password, logN);
    current = (await ctx.users.update(user.id, { passwordHash }, nowOf(ctx))) ?? user;
  }
  return issueSession(ctx, current);
}
