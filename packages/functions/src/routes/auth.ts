import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src';

/** Rows that hash a password: scrypt at N = 2^17 wants memory (128 MiB) and CPU (Lambda scales CPU with memory). */
const hashing = { timeoutSeconds: 10, memoryMB: 1024 } as const;
const user = { role: 'user' } as const;

/** Accounts, sessions, the admin's user management and the public JWKS. */
export const authRoutes: RouteDef[] = [
  { id: 'auth-register', method: 'POST', path: '/api/v1/auth/register', handler: `${dir}/auth/register.handler`,
    auth: false, rateLimit: 'auth', resources: ['mongo', 'jwt'], ...hashing },
  { id: 'auth-login', method: 'POST', path: '/api/v1/auth/login', handler: `${dir}/auth/login.handler`,
    auth: false, rateLimit: 'auth', resources: ['mongo', 'jwt'], ...hashing },
  { id: 'auth-refresh', method: 'POST', path: '/api/v1/auth/refresh', handler: `${dir}/auth/refresh.handler`,
    auth: false, rateLimit: 'auth', resources: ['mongo', 'jwt'], timeoutSeconds: 5 },
  { id: 'auth-logout', method: 'POST', path: '/api/v1/auth/logout', handler: `${dir}/auth/logout.handler`,
    auth: false, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5, memoryMB: 256 },

  { id: 'users-me-get', method: 'GET', path: '/api/v1/users/me', handler: `${dir}/users/me-get.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5, memoryMB: 256 },
  { id: 'users-me-patch', method: 'PATCH', path: '/api/v1/users/me', handler: `${dir}/users/me-patch.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5, memoryMB: 256 },
  { id: 'users-me-password', method: 'POST', path: '/api/v1/users/me/password', handler: `${dir}/users/me-password.handler`,
    auth: user, rateLimit: 'auth', resources: ['mongo'], ...hashing },
  // Account deletion also erases the user's files (objects, then records): see users/account-cleanups.ts.
  { id: 'users-me-delete', method: 'DELETE', path: '/api/v1/users/me', handler: `${dir}/users/me-delete.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo', 'bucket'], bucketActions: ['s3:DeleteObject'], timeoutSeconds: 15 },

  { id: 'admin-users-list', method: 'GET', path: '/api/v1/admin/users', handler: `${dir}/admin/users-list.handler`,
    auth: { role: 'admin' }, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5 },
  { id: 'admin-users-update', method: 'PATCH', path: '/api/v1/admin/users/{id}', handler: `${dir}/admin/users-update.handler`,
    auth: { role: 'admin' }, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5 },

  { id: 'jwks', method: 'GET', path: '/.well-known/jwks.json', handler: `${dir}/system/jwks.handler`,
    auth: false, rateLimit: null, resources: ['jwt'], timeoutSeconds: 3, memoryMB: 256 },
];
