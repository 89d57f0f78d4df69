import type { FilesContext } from '@nocturnal/core/files/context';
import { normaliseEmail } from '@nocturnal/core/users/email';
import type { User, UserRepository } from '@nocturnal/core/users/types';
import { forEachConcurrently, serialPerKey } from '../pool';
import { emptyReport, type Report } from '../report';
import type { RunOptions } from '../run-options';
import { dryRunFiles, dryRunObjects } from './dry-run';
import { importFile, type FileImportDeps } from './import-file';
import type { FileItem, Listed } from './manifest';
import type { PutFile } from './put-object';

export interface FilesTarget {
  users: UserRepository;
  files: FilesContext;
  put: PutFile;
}

/**
 * Imports the listed files (see `readManifest`, `walkFolder`) with at most
 * `concurrency` in flight, each through {@link importFile}. Owners are found
 * by their normalised email (import the users first). The report lists every
 * file not imported with its code, and each owner whose quota refused files.
 *
 * @example
 * const report = await importFiles(target, await walkFolder(folder), options);
 */
export async function importFiles(target: FilesTarget, listed: readonly Listed[], opts: RunOptions): Promise<Report> {
  const started = Date.now();
  const report = emptyReport('files', opts.dryRun);
  report.checkpoint = opts.dryRun ? null : opts.checkpoint.path;
  report.total = listed.length;
  const files = opts.dryRun ? { ...target.files, files: dryRunFiles(target.files.files), objects: dryRunObjects() } : target.files;
  const deps: FileImportDeps = { files, put: target.put, checkpoint: opts.checkpoint, dryRun: opts.dryRun, serial: serialPerKey(), now: opts.now };
  const owners = new Map<string, Promise<User | null>>();
  const ownerOf = (email: string) => {
    const key = normaliseEmail(email);
    if (!owners.has(key)) owners.set(key, target.users.findByEmail(key));
    return owners.get(key)!;
  };
  const overQuota = new Map<string, { owner: User; refused: number }>();

  const items: FileItem[] = [];
  for (const entry of listed) {
    if (entry.ok) items.push(entry.item);
    else (entry.skip ? report.skipped : report.failed).push(entry.problem);
  }
  const totalBytes = items.reduce((sum, i) => sum + i.size, 0);
  opts.progress.start(items.length, totalBytes);
  await forEachConcurrently(
    items,
    opts.concurrency,
    async (item) => {
      let moved = 0;
      try {
        const previous = opts.checkpoint.entries.get(item.ref);
        if (previous?.t === 'done' && previous.outcome === 'imported') {
          report.alreadyImported += 1;
          return;
        }
        const owner = await ownerOf(item.ownerEmail);
        if (!owner) {
          opts.checkpoint.done(item.ref, 'failed', { code: 'OWNER_NOT_FOUND' });
          report.failed.push({ ref: item.ref, code: 'OWNER_NOT_FOUND', reason: `no account with email ${normaliseEmail(item.ownerEmail)}: import the users first` });
          return;
        }
        const outcome = await importFile(deps, item, owner);
        if (outcome.outcome === 'imported') {
          report.imported += 1;
          report.bytes += outcome.bytes;
          moved = outcome.bytes;
          return;
        }
        report.failed.push({ ref: item.ref, code: outcome.code, reason: outcome.reason });
        if (outcome.code === 'QUOTA_EXCEEDED') {
          const line = overQuota.get(owner.id) ?? { owner, refused: 0 };
          line.refused += 1;
          overQuota.set(owner.id, line);
        }
      } catch (error) {
        report.failed.push({ ref: item.ref, code: 'STORAGE_ERROR', reason: String((error as Error)?.message ?? error) });
      } finally {
        opts.progress.advance(moved);
      }
    },
    opts.signal,
  );
  opts.progress.stop();
  report.interrupted = opts.signal?.aborted ?? false;
  for (const { owner, refused } of overQuota.values()) {
    const usedBytes = await files.files.usage(owner.id);
    report.quota.push({ owner: owner.email, usedBytes, quotaBytes: files.settings.quotaBytes, refused });
  }
  report.durationMs = Date.now() - started;
  return report;
}
