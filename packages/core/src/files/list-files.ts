import { decodePositionCursor, encodePositionCursor, pageOf } from '../pagination/keyset';
import type { FilesContext } from './context';
import { toPublicFile, type Caller, type FilePosition, type FileStatus, type PublicFile } from './types';

export interface FilePage {
  items: PublicFile[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

/**
 * The caller's files, newest first, `limit` at a time, optionally only one
 * `status`. Keyset pagination with an opaque cursor: stable while files are
 * added or removed. A cursor belongs to its filter; reuse it with the same one.
 *
 * @example
 * let page = await listFiles(ctx, caller, { limit: 20, status: 'ready' });
 * while (page.nextCursor) page = await listFiles(ctx, caller, { limit: 20, status: 'ready', cursor: page.nextCursor });
 */
export async function listFiles(
  ctx: Pick<FilesContext, 'files'>,
  caller: Caller,
  opts: { limit: number; cursor?: string; status?: FileStatus },
): Promise<FilePage> {
  const after = opts.cursor === undefined ? undefined : decodeFileCursor(opts.cursor, (id) => ctx.files.isId(id));
  const found = await ctx.files.listByOwner({
    ownerId: caller.userId,
    limit: opts.limit + 1,
    ...(opts.status ? { status: opts.status } : {}),
    ...(after ? { after } : {}),
  });
  return pageOf(found, opts.limit, toPublicFile);
}

/** A file list's cursor: the shared newest-first cursor. */
export const encodeFileCursor = encodePositionCursor;
export const decodeFileCursor = decodePositionCursor;
