import { AppError } from '../errors';
import type { FilesContext } from './context';
import { parseObjectKey } from './keys';
import { verifyUpload } from './verify-upload';

/** What the notification handler did with one object. */
export type ObjectCreatedOutcome = 'ready' | 'rejected' | 'missing' | 'orphan-deleted' | 'ignored';

/**
 * The bucket's `ObjectCreated` notification: the same completion logic as
 * `complete`, so a client that never calls it still ends up `ready` (or
 * `rejected`). An object under `users/` without a matching record (its file
 * was deleted or cleaned up while the upload URL still worked) is deleted;
 * keys outside `users/` are left alone.
 *
 * @example
 * for (const r of event.Records) await handleObjectCreated(ctx, decodeEventKey(r.s3.object.key));
 */
export async function handleObjectCreated(ctx: FilesContext, key: string): Promise<ObjectCreatedOutcome> {
  const parsed = parseObjectKey(key);
  if (!parsed) return 'ignored';
  const file = ctx.files.isId(parsed.fileId) ? await ctx.files.findById(parsed.fileId) : null;
  if (!file || file.ownerId !== parsed.userId || file.key !== key) {
    await ctx.objects.delete(key);
    return 'orphan-deleted';
  }
  try {
    await verifyUpload(ctx, file);
    return 'ready';
  } catch (error) {
    if (error instanceof AppError && error.code === 'UPLOAD_MISMATCH') return 'rejected';
    // Deleted again before the notification arrived: nothing to do.
    if (error instanceof AppError && (error.code === 'UPLOAD_MISSING' || error.code === 'FILE_NOT_FOUND')) return 'missing';
    throw error;
  }
}
