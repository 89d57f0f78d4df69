import type { JobDef } from '../route-types';

const dir = 'packages/functions/src/jobs';

/**
 * Work outside the route table, declared like routes: the Jobs stack binds
 * each to its resources and grants its S3 actions on the uploads bucket's
 * `users/` keys only.
 */
export const jobs: JobDef[] = [
  /** Daily: deletes uploads left `pending` past `FILES_PENDING_MAX_AGE_HOURS`, with their objects. */
  { id: 'cleanup-pending', handler: `${dir}/cleanup-pending.handler`, resources: ['mongo', 'bucket'],
    bucketActions: ['s3:DeleteObject'], bucketPrefix: 'users/', timeoutSeconds: 300 },
  /** The bucket's `ObjectCreated` notification: completes uploads whose client never called `complete`. */
  { id: 'object-created', handler: `${dir}/object-created.handler`, resources: ['mongo', 'bucket'],
    bucketActions: ['s3:GetObject', 's3:DeleteObject'], bucketPrefix: 'users/', timeoutSeconds: 30 },
];

/** The job row `id`. */
export function findJob(id: string): JobDef {
  const job = jobs.find((j) => j.id === id);
  if (!job) throw new Error(`job "${id}" is not in the jobs table`);
  return job;
}
