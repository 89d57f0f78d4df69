import { loadReadableFile } from './access';
import { contentDisposition } from './content-disposition';
import { nowOf, type FilesContext } from './context';
import { toPublicFile, type Caller, type PresignedRequest, type PublicFile } from './types';

export interface FileWithDownload {
  file: PublicFile;
  /** A short-lived presigned GET; `null` until the file is `ready`. */
  download: PresignedRequest | null;
}

/**
 * A file's metadata and, once it is `ready`, a presigned GET that makes the
 * bucket answer `Content-Disposition: attachment` with the original name,
 * safely encoded. The owner, or an admin, may read it; anyone else gets
 * `FILE_NOT_FOUND`.
 *
 * @example
 * const { file, download } = await getFile(ctx, caller, id);
 * if (download) location.href = download.url;
 */
export async function getFile(ctx: FilesContext, caller: Caller, fileId: string): Promise<FileWithDownload> {
  const file = await loadReadableFile(ctx, caller, fileId);
  if (file.status !== 'ready') return { file: toPublicFile(file), download: null };
  const now = nowOf(ctx);
  const ttl = ctx.settings.downloadUrlTtlSeconds;
  const url = await ctx.objects.presignGet({
    key: file.key,
    contentDisposition: contentDisposition(file.filename),
    signedAt: now,
    expiresInSeconds: ttl,
  });
  return {
    file: toPublicFile(file),
    download: { method: 'GET', url, headers: {}, expiresAt: new Date(now.getTime() + ttl * 1000).toISOString() },
  };
}
