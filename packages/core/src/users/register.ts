import { hashPassword } from '../auth/passwords';
import { AppError } from '../errors';
import { nowOf, type UsersContext } from './context';
import { normaliseEmail } from './email';
import { issueSession, type Session } from './session';

export interface RegisterInput {
  email: string;
  password: string;
  name?: string | null;
}

/**
 * Creates a `user`-role account and logs it in. The unique index on the
 * normalised email settles races; the look-up first only spares a hash.
 *
 * @example
 * const session = await register(ctx, { email: 'Ada@x.io', password: 'long enough' }); // EMAIL_TAKEN on a duplicate
 */
export async function register(ctx: UsersContext, input: RegisterInput): Promise<Session> {
  const email = normaliseEmail(input.email);
  if (await ctx.users.findByEmail(email)) throw new AppError('EMAIL_TAKEN');
  const passwordHash = await hashPassword(input.password, ctx.settings.scryptLogN);
  const user = await ctx.users.create({ email, name: input.name ?? null, role: 'user', passwordHash }, nowOf(ctx));
  return issueSession(ctx, user);
}
