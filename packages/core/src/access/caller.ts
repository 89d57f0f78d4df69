import type { Role } from '../auth/roles';

/** Who is asking: the verified caller of a route, as every owner-scoped use case sees it. */
export interface Caller {
  userId: string;
  role: Role;
}

/**
 * Owner-scoped access, the rule of every resource a user owns: the owner
 * may read and change it; an admin may read anyone's. Anything else is
 * answered as "not found" by the caller, so existence is never revealed.
 *
 * @example
 * if (!mayRead(caller, file.ownerId)) throw notFound();
 */
export function mayRead(caller: Caller, ownerId: string): boolean {
  return caller.userId === ownerId || caller.role === 'admin';
}

/** Only the owner changes a resource (admins included: an admin deletes its own files only). */
export function mayChange(caller: Caller, ownerId: string): boolean {
  return caller.userId === ownerId;
}
