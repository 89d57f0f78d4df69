import type { RouteDef } from '../route-types';
import { HASHING } from './auth';

const dir = 'packages/functions/src';
const user = { role: 'user' } as const;

/** The signed-in user's own account. */
export const userRoutes: RouteDef[] = [
  { id: 'users-me-get', method: 'GET', path: '/api/v1/users/me', handler: `${dir}/users/me-get.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5, memoryMB: 256 },
  { id: 'users-me-patch', method: 'PATCH', path: '/api/v1/users/me', handler: `${dir}/users/me-patch.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5, memoryMB: 256 },
  // It signs the new session: the private key set ('jwt'), not only the public one its token check needs.
  { id: 'users-me-password', method: 'POST', path: '/api/v1/users/me/password', handler: `${dir}/users/me-password.handler`,
    auth: user, rateLimit: 'auth', resources: ['mongo', 'jwt'], ...HASHING },
  // Account deletion also erases the user's files (objects, then records): see users/account-cleanups.ts.
  { id: 'users-me-delete', method: 'DELETE', path: '/api/v1/users/me', handler: `${dir}/users/me-delete.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo', 'bucket'], bucketActions: ['s3:DeleteObject'], timeoutSeconds: 15 },
];
