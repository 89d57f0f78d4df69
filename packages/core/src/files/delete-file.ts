import { loadOwnFile } from './access';
import type { FilesContext } from './context';
import type { Caller, FileRecord } from './types';

/**
 * Deletes one of the caller's files: the object first, then the record, so a
 * failure leaves a record to retry with (never an object nobody can find).
 * Owner only: anyone else gets `FILE_NOT_FOUND`.
 *
 * @example
 * await deleteFile(ctx, caller, id); // then 204
 */
export async function deleteFile(ctx: FilesContext, caller: Caller, fileId: string): Promise<void> {
  const file = await loadOwnFile(ctx, caller, fileId);
  await removeFile(ctx, file);
}

/**
 * Object, then record. Both steps are idempotent.
 *
 * @example
 * await removeFile(ctx, file);
 */
export async function removeFile(ctx: Pick<FilesContext, 'files' | 'objects'>, file: FileRecord): Promise<void> {
  await ctx.objects.delete(file.key);
  await ctx.files.delete(file.id);
}

/**
 * Deletes every file of a user (account deletion), `batchSize` at a time with
 * a few deletions in flight. Idempotent: a failed run can simply be repeated.
 *
 * @example
 * const { deleted } = await deleteUserFiles(ctx, userId);
 */
export async function deleteUserFiles(
  ctx: Pick<FilesContext, 'files' | 'objects'>,
  userId: string,
  opts: { batchSize?: number; concurrency?: number } = {},
): Promise<{ deleted: number }> {
  const batchSize = opts.batchSize ?? 100;
  let deleted = 0;
  for (;;) {
    const batch = await ctx.files.listByOwner({ ownerId: userId, limit: batchSize });
    if (batch.length === 0) return { deleted };
    await inBatches(batch, opts.concurrency ?? 8, (file) => removeFile(ctx, file));
    deleted += batch.length;
  }
}

/**
 * Runs `fn` over `items`, at most `concurrency` at once; rejects on the first failure.
 *
 * @example
 * await inBatches(files, 8, (file) => removeFile(ctx, file));
 */
export async function inBatches<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += concurrency) {
    await Promise.all(items.slice(i, i + concurrency).map(fn));
  }
}
