import { nowOf, type FilesContext } from './context';

const CONCURRENCY = 8;

export interface CleanupResult {
  /** Records (and their objects) deleted. */
  deleted: number;
  /** Objects whose deletion failed after their record was deleted (logged by the caller). */
  failedKeys: string[];
  /** Everything `pending` created before this was due. */
  cutoff: string;
  /** `true` when the run stopped at `maxFiles` with more left for the next run. */
  truncated: boolean;
}

/**
 * Deletes uploads left `pending` for longer than `pendingMaxAgeHours`: the
 * record first (only while still `pending`, so a file completed meanwhile is
 * kept), then its object. An object PUT after its record is gone is deleted
 * by the `ObjectCreated` handler as an orphan. Bounded per run by `maxFiles`.
 *
 * @example
 * const { deleted } = await cleanupStalePending(ctx); // the daily job
 * await cleanupStalePending({ ...ctx, now: () => inTwoDays }); // a test
 */
export async function cleanupStalePending(
  ctx: FilesContext,
  opts: { maxAgeHours?: number; maxFiles?: number; batchSize?: number } = {},
): Promise<CleanupResult> {
  const maxAgeHours = opts.maxAgeHours ?? ctx.settings.pendingMaxAgeHours;
  const maxFiles = opts.maxFiles ?? 5_000;
  const batchSize = Math.min(opts.batchSize ?? 100, maxFiles);
  const cutoff = new Date(nowOf(ctx).getTime() - maxAgeHours * 3_600_000);
  const result: CleanupResult = { deleted: 0, failedKeys: [], cutoff: cutoff.toISOString(), truncated: true };
  let seen = 0;
  while (seen < maxFiles) {
    const batch = await ctx.files.findPendingBefore(cutoff, Math.min(batchSize, maxFiles - seen));
    if (batch.length === 0) return { ...result, truncated: false };
    seen += batch.length;
    for (let i = 0; i < batch.length; i += CONCURRENCY) {
      await Promise.all(
        batch.slice(i, i + CONCURRENCY).map(async (file) => {
          if (!(await ctx.files.delete(file.id, ['pending']))) return;
          result.deleted += 1;
          // One failed object must not stop the run: report it instead.
          await ctx.objects.delete(file.key).catch(() => result.failedKeys.push(file.key));
        }),
      );
    }
  }
  return result;
}
