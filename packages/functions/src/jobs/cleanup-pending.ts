/**
 * The daily SST `Cron` job: deletes uploads left `pending` for longer than
 * `FILES_PENDING_MAX_AGE_HOURS`, with their objects. Not in the route table:
 * the Jobs stack binds it to MongoDB and `s3:DeleteObject` on the bucket only.
 */
import { cleanupStalePending, type CleanupResult } from '@nocturnal/core/files/cleanup-pending';
import { filesContext } from '../clients/files';
import type { Context } from 'aws-lambda';
import { withPlatformContext } from '../job-context';
import { withDeclaredResources } from '../resource-scope';
import { findJob } from '../routes/jobs';
import { getRuntime } from '../runtime';

const job = findJob('cleanup-pending');
getRuntime().require(job.resources);

/**
 * One run. `now` and `maxAgeHours` are injectable so a test can age the
 * uploads without waiting a day.
 *
 * @example
 * await runCleanupPending({ now: new Date(Date.now() + 2 * 86_400_000) });
 */
export async function runCleanupPending(opts: { now?: Date; maxAgeHours?: number } = {}): Promise<CleanupResult> {
  const ctx = await getRuntime().get(filesContext);
  const at = opts.now;
  return cleanupStalePending(at ? { ...ctx, now: () => at.getTime() } : ctx, opts.maxAgeHours === undefined ? {} : { maxAgeHours: opts.maxAgeHours });
}

export const handler = (event?: unknown, context?: Context): Promise<CleanupResult> =>
  withDeclaredResources(job.id, job.resources, () => withPlatformContext(getRuntime(), event, context, cleanUp));

async function cleanUp(): Promise<CleanupResult> {
  const log = getRuntime().log.child({ job: 'files-cleanup-pending' });
  const result = await runCleanupPending();
  if (result.failedKeys.length > 0) log.error('objects left behind by the cleanup', { keys: result.failedKeys });
  log.info('stale pending uploads deleted', { deleted: result.deleted, cutoff: result.cutoff, truncated: result.truncated });
  return result;
}
