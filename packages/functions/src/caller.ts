import type { Caller } from '@nocturnal/core/access/caller';
import { requireAuth } from './middleware/auth';
import type { AuthContext } from './request-state';

/** The verified caller as every owner-scoped use case sees it (files today, any resource a user owns). */
export function callerOf(auth: AuthContext | undefined): Caller {
  const { userId, role } = requireAuth(auth);
  return { userId, role };
}
