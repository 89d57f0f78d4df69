import { closeSync, fdatasyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { ImportError } from './errors';

/** What a run writes first: which import, into which target, so a checkpoint is never replayed against another one. */
export interface CheckpointHeader {
  kind: 'users' | 'files';
  /** A fingerprint of the target (database and bucket), never a credential. */
  target: string;
  /** Readable names of the target, for the error when fingerprints differ. */
  describe: string;
}

/** The end of one item: `imported` items are never touched again; the others are retried by the next run. */
export type Outcome = 'imported' | 'skipped' | 'failed';

/** The last thing the checkpoint knows about an item. */
export type CheckpointEntry =
  | { t: 'intent'; ref: string; data: Record<string, string> }
  | { t: 'done'; ref: string; outcome: Outcome; data: Record<string, string | number> };

export interface Checkpoint {
  readonly path: string;
  /** The last entry of every item seen in earlier runs (and this one). */
  readonly entries: ReadonlyMap<string, CheckpointEntry>;
  /**
   * Records what is about to happen, durably (`fdatasync`), before it happens:
   * after a crash the next run finds it and settles the item.
   */
  intent(ref: string, data: Record<string, string>): void;
  /** Records how an item ended. */
  done(ref: string, outcome: Outcome, data?: Record<string, string | number>): void;
  close(): void;
}

/**
 * Opens (or starts) an append-only JSON Lines checkpoint. The first line is
 * the header; each later line is one entry. A last line cut short by a kill
 * is ignored, so any prefix of the file is a valid checkpoint. One run at a
 * time holds `<path>.lock` (a lock left by a killed run is taken over). With
 * `readOnly` (dry runs) nothing is written and no lock is taken.
 *
 * @example
 * const cp = openCheckpoint('files.checkpoint.jsonl', { kind: 'files', target, describe });
 * cp.intent(ref, { fileId });   // durable before the side effect
 * cp.done(ref, 'imported', { fileId, bytes: 1234 });
 */
export function openCheckpoint(path: string, header: CheckpointHeader, opts: { readOnly?: boolean } = {}): Checkpoint {
  // Locked before reading: what is read is what this run appends to.
  const unlock = opts.readOnly ? () => {} : acquireLock(`${path}.lock`, path);
  let existing: ReturnType<typeof readCheckpoint>;
  try {
    existing = readCheckpoint(path);
    if (existing && existing.header.kind !== header.kind) {
      throw new ImportError('CHECKPOINT_MISMATCH', `${path} is not a checkpoint of a ${header.kind} import`);
    }
    if (existing && existing.header.target !== header.target) {
      throw new ImportError('CHECKPOINT_MISMATCH', `${path} was written for another target (${existing.header.describe}); this run targets ${header.describe}`);
    }
  } catch (error) {
    unlock();
    throw error;
  }
  const entries = new Map(existing?.entries ?? []);
  if (opts.readOnly) {
    return { path, entries, intent: () => {}, done: () => {}, close: () => {} };
  }
  const fd = openSync(path, 'a');
  const append = (value: unknown, durable: boolean) => {
    writeSync(fd, `${JSON.stringify(value)}\n`);
    if (durable) fdatasyncSync(fd);
  };
  if (!existing) append({ checkpoint: 1, ...header }, true);
  // A torn last line (killed mid-write) must not glue itself to the next entry.
  else if (!endsWithNewline(path)) writeSync(fd, '\n');
  return {
    path,
    entries,
    intent(ref, data) {
      const entry: CheckpointEntry = { t: 'intent', ref, data };
      append(entry, true);
      entries.set(ref, entry);
    },
    done(ref, outcome, data = {}) {
      const entry: CheckpointEntry = { t: 'done', ref, outcome, data };
      // An item whose end is lost is settled again from the target by the next run.
      append(entry, false);
      entries.set(ref, entry);
    },
    close() {
      fdatasyncSync(fd);
      closeSync(fd);
      unlock();
    },
  };
}

function acquireLock(lockPath: string, path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new ImportError('CHECKPOINT_LOCKED', `another import (pid ${pid}) is using ${path}`);
      }
      // Its run was killed (kill -9 leaves the lock behind): take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new ImportError('CHECKPOINT_LOCKED', `could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A checkpoint's header and the last entry of each item, or `undefined` when
 * there is no such file (or it is empty).
 *
 * @example
 * const cp = readCheckpoint('files.checkpoint.jsonl'); // { header, entries }
 */
export function readCheckpoint(path: string): { header: CheckpointHeader; entries: Map<string, CheckpointEntry> } | undefined {
  const lines = readLines(path);
  if (lines.length === 0) return undefined;
  const first = lines[0] as Partial<CheckpointHeader> & { checkpoint?: number };
  if (first.checkpoint !== 1 || (first.kind !== 'users' && first.kind !== 'files')) {
    throw new ImportError('CHECKPOINT_MISMATCH', `${path} is not an import checkpoint`);
  }
  const entries = new Map<string, CheckpointEntry>();
  for (const entry of lines.slice(1) as CheckpointEntry[]) {
    if (typeof entry?.ref === 'string' && (entry.t === 'intent' || entry.t === 'done')) entries.set(entry.ref, entry);
  }
  return { header: first as CheckpointHeader, entries };
}

function readLines(path: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // Only the line being written when the process died can be cut short.
    }
  }
  return out;
}

function endsWithNewline(path: string): boolean {
  const text = readFileSync(path);
  return text.length === 0 || text[text.length - 1] === 0x0a;
}
