import type { Clock } from '@nocturnal/core/clock';
import { AppError } from '@nocturnal/core/errors';
import type { FilesContext } from '@nocturnal/core/files/context';
import { createUpload } from '@nocturnal/core/files/create-upload';
import { objectKey } from '@nocturnal/core/files/keys';
import type { FileRecord, FileRepository } from '@nocturnal/core/files/types';
import { validateUpload } from '@nocturnal/core/files/validation';
import { verifyUpload } from '@nocturnal/core/files/verify-upload';
import type { User } from '@nocturnal/core/users/types';
import type { Checkpoint } from '../checkpoint';
import { sniffContentType } from './content-type';
import type { FileItem } from './manifest';
import type { PutFile } from './put-object';

export interface FileImportDeps {
  /** The API's files context (a dry-run overlay in dry runs). */
  files: FilesContext;
  put: PutFile;
  checkpoint: Checkpoint;
  dryRun: boolean;
  /** One owner's quota reservations one at a time (see `serialPerKey`). */
  serial: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
  now?: Clock;
}

export type FileOutcome = { outcome: 'imported'; fileId: string; bytes: number } | { outcome: 'failed'; code: string; reason: string };

/** What core refuses about a file, as the API would answer an upload. */
const REFUSALS = new Set(['FILE_TYPE_NOT_ALLOWED', 'FILE_TOO_LARGE', 'INVALID_FILE_SIZE', 'QUOTA_EXCEEDED', 'UPLOAD_MISMATCH']);

/**
 * Imports one file the way an upload goes through the API, with the API's
 * own use cases: `validateUpload` (type, size), `createUpload` (a `pending`
 * record under `users/{userId}/{fileId}`, the quota), the bytes streamed to
 * that key, then `verifyUpload` (HEAD: size and type, exactly as `complete`)
 * → `ready`. The file id is chosen and written to the checkpoint (durably)
 * before anything else, so a run killed at any point is settled by the next:
 * a `ready` file is kept, anything else of that attempt (record, object) is
 * removed and the file imported again. Nothing is imported twice and no
 * object is left without its record.
 *
 * @example
 * const outcome = await importFile(deps, item, owner); // { outcome: 'imported', fileId, bytes }
 */
export async function importFile(deps: FileImportDeps, item: FileItem, owner: User): Promise<FileOutcome> {
  const previous = deps.checkpoint.entries.get(item.ref);
  if (previous?.t === 'intent') {
    const settled = await settle(deps, previous.data.fileId!, previous.data.userId!);
    if (settled) return done(deps, item, settled);
  }
  let contentType = item.contentType ?? (await sniffContentType(item.absolutePath, item.filename));
  try {
    // Refused before any write: no intent, no record for a file that cannot go in.
    ({ contentType } = validateUpload(deps.files.settings, { filename: item.filename, contentType, size: item.size }));
  } catch (error) {
    const outcome = refusal(error);
    deps.checkpoint.done(item.ref, 'failed', { code: outcome.code });
    return outcome;
  }
  const fileId = deps.files.files.newId();
  deps.checkpoint.intent(item.ref, { fileId, userId: owner.id });
  try {
    // The record keeps the file's original date (its presigned PUT, dated then too, is never used).
    const created = { ...deps.files, files: withId(deps.files.files, fileId), now: () => item.createdAt.getTime() };
    // Core refuses two concurrent uploads that only fit one at a time both: reserve an owner's files in turn.
    await deps.serial(owner.id, () =>
      createUpload(created, { userId: owner.id, role: owner.role }, { filename: item.filename, contentType, size: item.size }),
    );
    if (deps.dryRun) return { outcome: 'imported', fileId, bytes: item.size };
    await deps.put({ key: objectKey(owner.id, fileId), path: item.absolutePath, contentType });
    const record = await deps.files.files.findById(fileId);
    if (!record) throw new Error('the file record disappeared during the import (the cleanup job?)');
    return done(deps, item, await verifyUpload(verifying(deps), record));
  } catch (error) {
    const outcome = refusal(error);
    try {
      await rollBack(deps, fileId, owner.id);
    } catch {
      // The intent stays: the next run undoes this attempt before trying again.
      return outcome;
    }
    deps.checkpoint.done(item.ref, 'failed', { code: outcome.code });
    return outcome;
  }
}

/** The end of an attempt killed before it was recorded: the `ready` file, or `null` once the attempt is undone. */
async function settle(deps: FileImportDeps, fileId: string, userId: string): Promise<FileRecord | null> {
  const record = await deps.files.files.findById(fileId);
  if (record?.status === 'ready') return record;
  if (deps.dryRun) return null;
  if (record?.status === 'pending') {
    try {
      // Killed after the PUT, before the HEAD check: the object is there.
      return await verifyUpload(verifying(deps), record);
    } catch (error) {
      if (!(error instanceof AppError) || !['UPLOAD_MISSING', 'UPLOAD_MISMATCH', 'FILE_NOT_FOUND'].includes(error.code)) throw error;
    }
  }
  await rollBack(deps, fileId, userId);
  return null;
}

/** Removes what one attempt wrote: its record unless `ready`, and its object. Idempotent. */
async function rollBack(deps: FileImportDeps, fileId: string, userId: string): Promise<void> {
  if (deps.dryRun) return;
  await deps.files.files.delete(fileId, ['pending', 'rejected']);
  // Record first, then object: a run killed between the two leaves its intent, and the next run ends here again.
  await deps.files.objects.delete(objectKey(userId, fileId));
}

function done(deps: FileImportDeps, item: FileItem, record: FileRecord): FileOutcome {
  deps.checkpoint.done(item.ref, 'imported', { fileId: record.id, userId: record.ownerId, bytes: record.size });
  return { outcome: 'imported', fileId: record.id, bytes: record.size };
}

function refusal(error: unknown): FileOutcome & { outcome: 'failed' } {
  if (error instanceof AppError && REFUSALS.has(error.code)) return { outcome: 'failed', code: error.code, reason: error.detail ?? error.code };
  return { outcome: 'failed', code: 'STORAGE_ERROR', reason: String((error as Error)?.message ?? error) };
}

/** The repository with the id this attempt wrote to its intent. */
function withId(files: FileRepository, id: string): FileRepository {
  return { ...files, newId: () => id };
}

/** HEAD checks and `ready` are dated now, not at the file's original date. */
function verifying(deps: FileImportDeps): FilesContext {
  return { ...deps.files, now: deps.now };
}
