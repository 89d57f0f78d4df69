/**
 * Test support shared by core's tests (never imported by production code).
 */
import { ObjectId } from 'mongodb';
import type { Caller } from './access/caller';
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

/** A caller with a fresh id, as the auth middleware would hand it to an owner-scoped use case. */
export const newCaller = (role: Caller['role'] = 'user'): Caller => ({ userId: new ObjectId().toHexString(), role });
