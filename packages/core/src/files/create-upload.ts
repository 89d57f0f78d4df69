import { AppError } from '../errors';
import { nowOf, type FilesContext } from './context';
import { objectKey } from './keys';
import { toPublicFile, type Caller, type FileRecord, type PresignedRequest, type PublicFile } from './types';
import { validateUpload, type UploadInput } from './validation';

export interface CreatedUpload {
  file: PublicFile;
  upload: PresignedRequest;
}

/**
 * Starts an upload: validates the declaration (allow-listed type, size under
 * the maximum), records a `pending` file under `users/{userId}/{fileId}`,
 * enforces the quota and returns a presigned PUT whose signature covers
 * `Content-Type` and `Content-Length`. The bytes go straight to the bucket.
 *
 * The quota counts `pending` and `ready` files. The record is written before
 * the quota is checked, so two concurrent uploads can never both slip under it
 * (at worst both are refused and one retry succeeds).
 *
 * @example
 * const { file, upload } = await createUpload(ctx, caller, { filename: 'cat.png', contentType: 'image/png', size: 5120 });
 * await fetch(upload.url, { method: upload.method, headers: upload.headers, body });
 */
export async function createUpload(ctx: FilesContext, caller: Caller, input: UploadInput): Promise<CreatedUpload> {
  const { filename, contentType, size } = validateUpload(ctx.settings, input);
  const now = nowOf(ctx);
  const ttl = ctx.settings.uploadUrlTtlSeconds;
  const id = ctx.files.newId();
  const record: FileRecord = {
    id,
    ownerId: caller.userId,
    key: objectKey(caller.userId, id),
    filename,
    contentType,
    size,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
    uploadExpiresAt: new Date(now.getTime() + ttl * 1000),
    completedAt: null,
  };
  await ctx.files.insert(record);
  const used = await ctx.files.usage(caller.userId);
  if (used > ctx.settings.quotaBytes) {
    await ctx.files.delete(id);
    const usedBefore = used - size;
    throw new AppError('QUOTA_EXCEEDED', `This upload needs ${size} bytes; ${Math.max(0, ctx.settings.quotaBytes - usedBefore)} are left`, {
      extensions: { quotaBytes: ctx.settings.quotaBytes, usedBytes: usedBefore },
    });
  }
  const url = await ctx.objects.presignPut({ key: record.key, contentType, size, signedAt: now, expiresInSeconds: ttl });
  return {
    file: toPublicFile(record),
    upload: {
      method: 'PUT',
      url,
      headers: { 'content-type': contentType, 'content-length': String(size) },
      expiresAt: record.uploadExpiresAt.toISOString(),
    },
  };
}
