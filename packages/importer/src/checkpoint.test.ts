import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCheckpoint, type CheckpointHeader } from './checkpoint';
import { ImportError } from './errors';

const header: CheckpointHeader = { kind: 'files', target: 'abc123', describe: 'db nocturnal, bucket uploads' };
let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  path = join(dir, 'files.checkpoint.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof ImportError ? error.code : String(error);
  }
};

describe('checkpoint', () => {
  it('keeps the last entry of each item across runs', () => {
    const first = openCheckpoint(path, header);
    first.intent('a/cat.png', { fileId: 'f1' });
    first.done('a/cat.png', 'imported', { fileId: 'f1', bytes: 3 });
    first.intent('a/dog.png', { fileId: 'f2' });
    first.close();

    const second = openCheckpoint(path, header);

    expect(second.entries.get('a/cat.png')).toEqual({ t: 'done', ref: 'a/cat.png', outcome: 'imported', data: { fileId: 'f1', bytes: 3 } });
    expect(second.entries.get('a/dog.png')).toEqual({ t: 'intent', ref: 'a/dog.png', data: { fileId: 'f2' } });
    second.close();
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(JSON.stringify({ checkpoint: 1, ...header }));
  });

  it('ignores a last line cut short by a kill, and appends after it cleanly', () => {
    const first = openCheckpoint(path, header);
    first.done('a', 'imported', {});
    first.close();
    appendFileSync(path, '{"t":"intent","ref":"b","da');

    const second = openCheckpoint(path, header);
    expect([...second.entries.keys()]).toEqual(['a']);
    second.done('c', 'failed', { code: 'FILE_TOO_LARGE' });
    second.close();

    expect([...openCheckpoint(path, header, { readOnly: true }).entries.keys()]).toEqual(['a', 'c']);
  });

  it('refuses a checkpoint of another target or another kind', () => {
    openCheckpoint(path, header).close();

    expect(codeOf(() => openCheckpoint(path, { ...header, target: 'other' }))).toBe('CHECKPOINT_MISMATCH');
    expect(codeOf(() => openCheckpoint(path, { ...header, kind: 'users' }))).toBe('CHECKPOINT_MISMATCH');
  });

  it('lets one run at a time hold it, and takes over the lock of a killed run', () => {
    const first = openCheckpoint(path, header);

    expect(codeOf(() => openCheckpoint(path, header))).toBe('CHECKPOINT_LOCKED');
    first.close();
    // What a run killed with SIGKILL leaves: a lock naming a process that is gone.
    writeFileSync(`${path}.lock`, '999999999');
    const next = openCheckpoint(path, header);
    next.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('writes nothing when read-only (dry runs)', () => {
    const cp = openCheckpoint(path, header, { readOnly: true });
    cp.intent('a', {});
    cp.done('a', 'imported');
    cp.close();

    expect(() => readFileSync(path)).toThrow();
  });
});
