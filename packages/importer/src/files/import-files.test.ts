import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpload } from '@nocturnal/core/files/create-upload';
import { objectKey } from '@nocturnal/core/files/keys';
import { verifyUpload } from '@nocturnal/core/files/verify-upload';
import type { User } from '@nocturnal/core/users/types';
import { openCheckpoint } from '../checkpoint';
import { createProgress } from '../progress';
import { sampleBytes, startImportTarget, type ImportTarget } from '../testing';
import { importFiles, type FilesTarget } from './import-files';
import { walkFolder } from './manifest';
import { s3PutFile } from './put-object';

let target: ImportTarget;
let files: FilesTarget;
let dir: string;
let n = 0;

beforeAll(async () => {
  target = await startImportTarget({ FILES_MAX_BYTES: '4096', FILES_QUOTA_BYTES: '10000' });
  files = { users: target.users, files: target.files, put: s3PutFile(target.files.s3, target.files.bucket) };
  dir = mkdtempSync(join(tmpdir(), 'import-files-'));
});
afterAll(async () => {
  await target?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function owner(): Promise<User> {
  return target.users.create({ email: `owner${++n}@x.io`, name: null, role: 'user', passwordHash: 'x' }, new Date());
}
/** A folder of the old API's uploads: `{owner email}/{path}` → bytes. */
function folderOf(contents: Record<string, Uint8Array>): string {
  const folder = join(dir, `uploads-${++n}`);
  for (const [path, bytes] of Object.entries(contents)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), bytes);
  }
  return folder;
}
async function run(folder: string, opts: { dryRun?: boolean; checkpoint?: string } = {}) {
  const header = { kind: 'files' as const, target: target.target.fingerprint, describe: target.target.describe };
  const checkpoint = openCheckpoint(opts.checkpoint ?? `${folder}.checkpoint`, header, { readOnly: opts.dryRun });
  try {
    return await importFiles(files, await walkFolder(folder), {
      concurrency: 3,
      dryRun: opts.dryRun ?? false,
      checkpoint,
      progress: createProgress({ mode: 'none', stream: process.stderr, label: 'files' }),
    });
  } finally {
    checkpoint.close();
  }
}
const listOf = (user: User) => target.files.files.listByOwner({ ownerId: user.id, limit: 100 });
async function keysOf(user: User): Promise<string[]> {
  const out = await target.files.s3.send(new ListObjectsV2Command({ Bucket: target.files.bucket, Prefix: `users/${user.id}/` }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}
async function bytesAt(key: string): Promise<Buffer> {
  const out = await target.files.s3.send(new GetObjectCommand({ Bucket: target.files.bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}
const codes = (problems: Array<{ code: string }>) => problems.map((p) => p.code).sort();

describe('importFiles', () => {
  it('imports each file through the upload use cases: sniffed type, key scheme, HEAD check, original date', async () => {
    const ada = await owner();
    const png = sampleBytes.png(600);
    const folder = folderOf({
      [`${ada.email}/photos/cat`]: png,
      [`${ada.email}/notes.txt`]: sampleBytes.text(300),
      [`${ada.email}/big.txt`]: sampleBytes.text(5000),
      [`${ada.email}/archive.zip`]: sampleBytes.zip(),
      [`${ada.email}/empty.txt`]: new Uint8Array(0),
      ['nobody@x.io/a.txt']: sampleBytes.text(10),
    });
    utimesSync(join(folder, ada.email, 'photos/cat'), new Date('2015-01-02T03:04:05Z'), new Date('2015-01-02T03:04:05Z'));

    const report = await run(folder);

    expect(report).toMatchObject({ total: 6, imported: 2, bytes: 900 });
    expect(codes(report.failed)).toEqual(['FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'INVALID_FILE_SIZE', 'OWNER_NOT_FOUND']);
    const records = await listOf(ada);
    expect(records.map((r) => [r.filename, r.contentType, r.size, r.status]).sort()).toEqual([
      ['cat', 'image/png', 600, 'ready'],
      ['notes.txt', 'text/plain', 300, 'ready'],
    ]);
    const cat = records.find((r) => r.filename === 'cat')!;
    expect(cat.key).toBe(objectKey(ada.id, cat.id));
    expect(cat.createdAt).toEqual(new Date('2015-01-02T03:04:05Z'));
    expect(await bytesAt(cat.key)).toEqual(png);
    expect(await keysOf(ada)).toEqual(records.map((r) => r.key).sort());

    const again = await run(folder);

    expect(again).toMatchObject({ imported: 0, alreadyImported: 2 });
    expect(await listOf(ada)).toHaveLength(2);
  });

  it('refuses what the quota cannot hold and names the owner', async () => {
    const bea = await owner();
    const folder = folderOf(Object.fromEntries([1, 2, 3].map((i) => [`${bea.email}/${i}.txt`, sampleBytes.text(4000)])));

    const dry = await run(folder, { dryRun: true });
    const report = await run(folder);

    for (const r of [dry, report]) {
      expect(r.imported).toBe(2);
      expect(codes(r.failed)).toEqual(['QUOTA_EXCEEDED']);
      expect(r.quota).toEqual([{ owner: bea.email, usedBytes: 8000, quotaBytes: 10000, refused: 1 }]);
    }
    expect(await listOf(bea)).toHaveLength(2);
  });

  it('writes nothing in a dry run', async () => {
    const cid = await owner();
    const folder = folderOf({ [`${cid.email}/a.png`]: sampleBytes.png(), [`${cid.email}/b.zip`]: sampleBytes.zip() });

    const report = await run(folder, { dryRun: true });

    expect(report).toMatchObject({ dryRun: true, imported: 1, checkpoint: null });
    expect(codes(report.failed)).toEqual(['FILE_TYPE_NOT_ALLOWED']);
    expect(await listOf(cid)).toEqual([]);
    expect(await keysOf(cid)).toEqual([]);
  });

  it('settles every point a killed run can stop at, and imports each file once', async () => {
    const dan = await owner();
    const bytes = { recordOnly: sampleBytes.text(100), uploaded: sampleBytes.text(200), ready: sampleBytes.text(300), stray: sampleBytes.text(400), intent: sampleBytes.text(500) };
    const folder = folderOf(Object.fromEntries(Object.entries(bytes).map(([name, b]) => [`${dan.email}/${name}.txt`, b])));
    const checkpointPath = `${folder}.checkpoint`;
    const header = { kind: 'files' as const, target: target.target.fingerprint, describe: target.target.describe };
    const killed = openCheckpoint(checkpointPath, header);
    const attempt = async (name: keyof typeof bytes, upTo: 'intent' | 'record' | 'object' | 'ready' | 'stray') => {
      const fileId = target.files.files.newId();
      const path = join(folder, dan.email, `${name}.txt`);
      killed.intent(`${dan.email}/${name}.txt`, { fileId, userId: dan.id });
      if (upTo === 'intent') return fileId;
      if (upTo === 'stray') {
        // The record went (the cleanup job) after the PUT: only the object is left.
        await files.put({ key: objectKey(dan.id, fileId), path, contentType: 'text/plain' });
        return fileId;
      }
      const ctx = { ...target.files, files: { ...target.files.files, newId: () => fileId } };
      await createUpload(ctx, { userId: dan.id, role: 'user' }, { filename: `${name}.txt`, contentType: 'text/plain', size: bytes[name].length });
      if (upTo === 'record') return fileId;
      await files.put({ key: objectKey(dan.id, fileId), path, contentType: 'text/plain' });
      if (upTo === 'ready') await verifyUpload(target.files, (await target.files.files.findById(fileId))!);
      return fileId;
    };
    const ids = {
      intent: await attempt('intent', 'intent'),
      recordOnly: await attempt('recordOnly', 'record'),
      uploaded: await attempt('uploaded', 'object'),
      ready: await attempt('ready', 'ready'),
      stray: await attempt('stray', 'stray'),
    };
    killed.close();

    const report = await run(folder, { checkpoint: checkpointPath });

    expect(report).toMatchObject({ imported: 5, failed: [], skipped: [] });
    const records = await listOf(dan);
    expect(records.map((r) => [r.filename, r.status]).sort()).toEqual(Object.keys(bytes).map((name) => [`${name}.txt`, 'ready']).sort());
    const idOf = (name: string) => records.find((r) => r.filename === `${name}.txt`)!.id;
    // Uploaded and verified ones keep their id; the others were undone and imported again.
    expect(idOf('uploaded')).toBe(ids.uploaded);
    expect(idOf('ready')).toBe(ids.ready);
    expect(await target.files.files.findById(ids.recordOnly)).toBeNull();
    expect(await keysOf(dan)).toEqual(records.map((r) => r.key).sort());
    for (const r of records) expect(await bytesAt(r.key)).toEqual(bytes[r.filename.replace('.txt', '') as keyof typeof bytes]);
  });

  it('rejects a file that changed after it was listed, and leaves nothing of it', async () => {
    const eve = await owner();
    const folder = folderOf({ [`${eve.email}/grows.txt`]: sampleBytes.text(100) });
    const listed = await walkFolder(folder);
    writeFileSync(join(folder, eve.email, 'grows.txt'), sampleBytes.text(150));
    const checkpoint = openCheckpoint(`${folder}.checkpoint`, { kind: 'files', target: target.target.fingerprint, describe: '' });

    const report = await importFiles(files, listed, {
      concurrency: 1, dryRun: false, checkpoint, progress: createProgress({ mode: 'none', stream: process.stderr, label: 'files' }),
    });
    checkpoint.close();

    expect(codes(report.failed)).toEqual(['UPLOAD_MISMATCH']);
    expect(await listOf(eve)).toEqual([]);
    expect(await keysOf(eve)).toEqual([]);
  });
});
