import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src';

/** Rows that hash a password: scrypt at N = 2^17 wants memory (128 MiB) and CPU (Lambda scales CPU with memory). */
export const HASHING = { timeoutSeconds: 10, memoryMB: 1024 } as const;

/** Registration and sessions. */
export const authRoutes: RouteDef[] = [
  { id: 'auth-register', method: 'POST', path: '/api/v1/auth/register', handler: `${dir}/auth/register.handler`,
    auth: false, rateLimit: 'auth', resources: ['mongo', 'jwt'], ...HASHING },
  { id: 'auth-login', method: 'POST', path: '/api/v1/auth/login', handler: `${dir}/auth/login.handler`,
    auth: false, rateLimit: 'auth', resources: ['mongo', 'jwt'], ...HASHING },
  { id: 'auth-refresh', method: 'POST', path: '/api/v1/auth/refresh', handler: `${dir}/auth/refresh.handler`,
    auth: false, rateLimit: 'auth', resources: ['mongo', 'jwt'], timeoutSeconds: 5 },
  { id: 'auth-logout', method: 'POST', path: '/api/v1/auth/logout', handler: `${dir}/auth/logout.handler`,
    auth: false, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5, memoryMB: 256 },
  { id: 'auth-logout-all', method: 'POST', path: '/api/v1/auth/logout-all', handler: `${dir}/auth/logout-all.handler`,
    auth: { role: 'user' }, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5, memoryMB: 256 },
];
