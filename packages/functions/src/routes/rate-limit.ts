import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src';

export const rateLimitRoutes: RouteDef[] = [
  {
    id: 'admin-rate-limit-get',
    method: 'GET',
    path: '/api/v1/admin/rate-limit',
    handler: `${dir}/admin/rate-limit-get.handler`,
    auth: { role: 'admin' },
    rateLimit: 'api',
    resources: ['redis'],
  },
  {
    id: 'admin-rate-limit-put',
    method: 'PUT',
    path: '/api/v1/admin/rate-limit',
    handler: `${dir}/admin/rate-limit-put.handler`,
    auth: { role: 'admin' },
    rateLimit: 'api',
    resources: ['redis'],
  },
];
