import type { Caller } from '@nocturnal/core/files/types';
import { requireAuth } from '../middleware/auth';
import type { AuthContext } from '../request-state';

/** The verified caller as the file use cases see it. */
export function callerOf(auth: AuthContext | undefined): Caller {
  const { userId, role } = requireAuth(auth);
  return { userId, role };
}
