import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src';

export const healthRoutes: RouteDef[] = [
  {
    id: 'health-live',
    method: 'GET',
    path: '/health',
    handler: `${dir}/health/live.handler`,
    auth: false,
    rateLimit: null,
    resources: [],
    timeoutSeconds: 3,
    memoryMB: 256,
  },
  {
    id: 'health-ready',
    method: 'GET',
    path: '/api/v1/health',
    handler: `${dir}/health/ready.handler`,
    auth: false,
    rateLimit: null,
    resources: ['mongo', 'bucket', 'redis'],
    // HeadBucket is authorised by s3:ListBucket.
    bucketActions: ['s3:ListBucket'],
    timeoutSeconds: 5,
  },
];
