import { AppError } from '../errors';
import type { FilesContext } from './context';
import { mayChange, mayRead, type Caller } from '../access/caller';
import type { FileRecord } from './types';

/**
 * The caller's own file. Someone else's file, an unknown id and a malformed
 * id all answer `FILE_NOT_FOUND` alike: existence is never revealed.
 *
 * @example
 * const file = await loadOwnFile(ctx, caller, id); // FILE_NOT_FOUND
 */
export async function loadOwnFile(ctx: Pick<FilesContext, 'files'>, caller: Caller, fileId: string): Promise<FileRecord> {
  const file = await findFile(ctx, fileId);
  if (!file || !mayChange(caller, file.ownerId)) throw notFound();
  return file;
}

/**
 * A file the caller may read: their own, or any file for an admin.
 *
 * @example
 * const file = await loadReadableFile(ctx, { userId, role: 'admin' }, id);
 */
export async function loadReadableFile(ctx: Pick<FilesContext, 'files'>, caller: Caller, fileId: string): Promise<FileRecord> {
  const file = await findFile(ctx, fileId);
  if (!file || !mayRead(caller, file.ownerId)) throw notFound();
  return file;
}

async function findFile(ctx: Pick<FilesContext, 'files'>, fileId: string): Promise<FileRecord | null> {
  return ctx.files.isId(fileId) ? ctx.files.findById(fileId) : null;
}

/** The one answer for a file the caller may not see. */
export function notFound(): AppError {
  return new AppError('FILE_NOT_FOUND', 'No such file');
}
