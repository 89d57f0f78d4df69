import { AppError } from '../errors';
import { notFound } from './access';
import { nowOf, type FilesContext } from './context';
import type { FileRecord, ObjectInfo } from './types';
import { normaliseContentType } from './validation';

/**
 * The completion logic shared by `POST /files/{id}/complete` and the bucket's
 * `ObjectCreated` notification. `HEAD`s the object: size and type equal to
 * the declaration → `ready`; anything else → the object is deleted and the
 * file `rejected` (`UPLOAD_MISMATCH`); no object → `UPLOAD_MISSING` (the file
 * stays `pending`). Idempotent: `ready` stays `ready` without a request;
 * `rejected` answers `UPLOAD_MISMATCH` again (and deletes any object put
 * since with a still-valid URL). Concurrent callers agree on one outcome.
 *
 * @example
 * const ready = await verifyUpload(ctx, file); // UPLOAD_MISMATCH | UPLOAD_MISSING
 */
export async function verifyUpload(ctx: FilesContext, file: FileRecord): Promise<FileRecord> {
  if (file.status === 'ready') return file;
  if (file.status === 'rejected') {
    await ctx.objects.delete(file.key);
    throw mismatch(file);
  }
  const info = await ctx.objects.head(file.key);
  if (!info) {
    throw new AppError('UPLOAD_MISSING', 'Nothing was uploaded yet: PUT the bytes to the upload URL first');
  }
  if (matches(file, info)) {
    const ready = await ctx.files.transition(file.id, ['pending'], 'ready', nowOf(ctx));
    return ready ?? settled(ctx, file.id);
  }
  await ctx.objects.delete(file.key);
  // From `ready` too: a concurrent verifier may have seen an earlier, matching
  // PUT, but the object is gone now, so the record must not say `ready`.
  await ctx.files.transition(file.id, ['pending', 'ready'], 'rejected', nowOf(ctx));
  throw mismatch(file, info);
}

/**
 * Whether the stored object is what was declared.
 *
 * @example
 * matches({ size: 3, contentType: 'text/plain' }, { size: 3, contentType: 'Text/Plain' }); // true
 */
export function matches(file: Pick<FileRecord, 'size' | 'contentType'>, info: ObjectInfo): boolean {
  return info.size === file.size && normaliseContentType(info.contentType ?? '') === file.contentType;
}

/** Someone else moved the file on first: report what they decided. */
async function settled(ctx: FilesContext, id: string): Promise<FileRecord> {
  const now = await ctx.files.findById(id);
  if (!now) throw notFound();
  if (now.status === 'rejected') throw mismatch(now);
  return now;
}

function mismatch(file: FileRecord, info?: ObjectInfo): AppError {
  return new AppError('UPLOAD_MISMATCH', 'The uploaded object does not match the declared size and type; it was deleted', {
    extensions: {
      expected: { size: file.size, contentType: file.contentType },
      ...(info ? { received: { size: info.size, contentType: info.contentType ?? null } } : {}),
    },
  });
}
