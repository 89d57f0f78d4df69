import { loadOwnFile } from './access';
import type { FilesContext } from './context';
import { toPublicFile, type Caller, type PublicFile } from './types';
import { verifyUpload } from './verify-upload';

/**
 * `POST /files/{id}/complete`: the owner says the PUT is done; the API checks
 * the object itself (see {@link verifyUpload}). Owner only: anyone else gets
 * `FILE_NOT_FOUND`.
 *
 * @example
 * const file = await completeUpload(ctx, caller, id); // file.status === 'ready'
 */
export async function completeUpload(ctx: FilesContext, caller: Caller, fileId: string): Promise<PublicFile> {
  const file = await loadOwnFile(ctx, caller, fileId);
  return toPublicFile(await verifyUpload(ctx, file));
}
