import { decodeCursor, encodeCursor } from '../pagination/cursor';
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
  const items = found.slice(0, opts.limit);
  const last = items[items.length - 1];
  return { items: items.map(toPublicFile), nextCursor: found.length > opts.limit && last ? encodeFileCursor(last) : null };
}

/**
 * A file list's cursor: `base64url("<createdAt ms>.<id>")`.
 *
 * @example
 * decodeFileCursor(encodeFileCursor(pos), isId); // pos
 */
export function encodeFileCursor(pos: FilePosition): string {
  return encodeCursor([String(pos.createdAt.getTime()), pos.id]);
}

/** The position in a cursor; `INVALID_CURSOR` for anything this API did not issue. */
export function decodeFileCursor(cursor: string, isId: (id: string) => boolean): FilePosition {
  const [ms, id] = decodeCursor(cursor, 2, ([ms, id]) => /^\d{1,15}$/.test(ms!) && isId(id!));
  return { createdAt: new Date(Number(ms)), id: id! };
}
