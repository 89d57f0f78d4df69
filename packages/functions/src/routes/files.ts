import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src/files';
const user = { role: 'user' } as const;
const small = { timeoutSeconds: 5, memoryMB: 256 } as const;

/**
 * Files: bytes go straight between the client and the bucket with presigned
 * URLs; these functions only sign, check and record. Each gets only the S3
 * actions it performs (HeadObject is authorised by s3:GetObject).
 */
export const fileRoutes: RouteDef[] = [
  { id: 'files-create', method: 'POST', path: '/api/v1/files', handler: `${dir}/create.handler`,
    auth: user, rateLimit: 'uploads', resources: ['mongo', 'bucket'], bucketActions: ['s3:PutObject'] },
  { id: 'files-list', method: 'GET', path: '/api/v1/files', handler: `${dir}/list.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo'], ...small },
  { id: 'files-get', method: 'GET', path: '/api/v1/files/{id}', handler: `${dir}/get.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo', 'bucket'], bucketActions: ['s3:GetObject'] },
  { id: 'files-complete', method: 'POST', path: '/api/v1/files/{id}/complete', handler: `${dir}/complete.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo', 'bucket'], bucketActions: ['s3:GetObject', 's3:DeleteObject'] },
  { id: 'files-delete', method: 'DELETE', path: '/api/v1/files/{id}', handler: `${dir}/delete.handler`,
    auth: user, rateLimit: 'api', resources: ['mongo', 'bucket'], bucketActions: ['s3:DeleteObject'] },
];
