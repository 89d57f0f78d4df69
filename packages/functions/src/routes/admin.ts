import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src';
const admin = { role: 'admin' } as const;

/** User management and the fleet's rate-limit mode (admin role). */
export const adminRoutes: RouteDef[] = [
  { id: 'admin-users-list', method: 'GET', path: '/api/v1/admin/users', handler: `${dir}/admin/users-list.handler`,
    auth: admin, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5 },
  { id: 'admin-users-update', method: 'PATCH', path: '/api/v1/admin/users/{id}', handler: `${dir}/admin/users-update.handler`,
    auth: admin, rateLimit: 'api', resources: ['mongo'], timeoutSeconds: 5 },
  { id: 'admin-rate-limit-get', method: 'GET', path: '/api/v1/admin/rate-limit', handler: `${dir}/admin/rate-limit-get.handler`,
    auth: admin, rateLimit: 'api', resources: ['mongo', 'redis'] },
  { id: 'admin-rate-limit-put', method: 'PUT', path: '/api/v1/admin/rate-limit', handler: `${dir}/admin/rate-limit-put.handler`,
    auth: admin, rateLimit: 'api', resources: ['mongo', 'redis'] },
];
