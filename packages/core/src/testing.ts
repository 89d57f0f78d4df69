/**
 * Test support shared by core's tests (never imported by production code).
 */
import { isAppError } from './errors';

/**
 * The stable `code` a promise rejects with; `undefined` when it resolves.
 * Tests assert on codes, never on messages.
 *
 * @example
 * expect(await codeOf(login(ctx, { email, password: 'wrong' }))).toBe('INVALID_CREDENTIALS');
 */
export async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (isAppError(error) ? error.code : `not an AppError: ${String(error)}`),
  );
}
