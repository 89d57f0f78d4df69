/**
 * The bucket's `s3:ObjectCreated:*` notification: runs the same completion
 * logic as `POST /files/{id}/complete`, so clients that never call it still end
 * up `ready` (or `rejected`). Not in the route table: the Jobs stack binds it
 * to MongoDB and `s3:GetObject` + `s3:DeleteObject` on the bucket only.
 */
import type { Context, S3Event } from 'aws-lambda';
import { decodeEventKey } from '@nocturnal/core/files/keys';
import { handleObjectCreated, type ObjectCreatedOutcome } from '@nocturnal/core/files/object-created';
import { filesContext } from '../clients/files';
import { bucketOf } from '../clients/s3';
import { withPlatformContext } from '../job-context';
import { withDeclaredResources } from '../resource-scope';
import { findJob } from '../routes/jobs';
import { getRuntime } from '../runtime';

const job = findJob('object-created');
getRuntime().require(job.resources);

export interface ObjectCreatedResult {
  outcomes: Array<{ key: string; outcome: ObjectCreatedOutcome }>;
}

/**
 * Handles every record; a failure of one does not stop the others, and the
 * invocation then fails so Lambda retries it (every step is idempotent).
 */
export const handler = (event: S3Event, context?: Context): Promise<ObjectCreatedResult> =>
  withDeclaredResources(job.id, job.resources, () => withPlatformContext(getRuntime(), event, context, () => completeCreated(event)));

async function completeCreated(event: S3Event): Promise<ObjectCreatedResult> {
  const runtime = getRuntime();
  const log = runtime.log.child({ job: 'files-object-created' });
  const ctx = await runtime.get(filesContext);
  const bucket = bucketOf(runtime);
  const outcomes: ObjectCreatedResult['outcomes'] = [];
  const failures: unknown[] = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith('ObjectCreated:') || record.s3?.bucket?.name !== bucket) continue;
    const key = decodeEventKey(record.s3.object.key);
    try {
      const outcome = await handleObjectCreated(ctx, key);
      outcomes.push({ key, outcome });
      log.info('object created', { key, outcome });
    } catch (error) {
      failures.push(error);
      log.error('object created: completion failed', { key, error });
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${event.Records.length} objects failed`);
  return { outcomes };
}
