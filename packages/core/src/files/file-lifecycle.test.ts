import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import { cleanupStalePending } from './cleanup-pending';
import { completeUpload } from './complete-upload';
import { deleteFile, deleteUserFiles } from './delete-file';
import { getFile } from './get-file';
import { listFiles } from './list-files';
import { handleObjectCreated } from './object-created';
import { codeOf, newCaller } from '../testing';
import { createTestFilesContext, uploadedFile, type TestFilesContext } from './testing';
import type { Caller, ObjectInfo } from './types';

const DB = 'files_lifecycle';

let harness: Harness;
let ctx: TestFilesContext;
const png = { filename: 'cat.png', contentType: 'image/png', size: 100 };
const uploaded = (caller: Caller, input = png, stored?: ObjectInfo) => uploadedFile(ctx, caller, input, stored);

beforeAll(async () => {
  harness = await startHarness(DB);
  ctx = await createTestFilesContext(harness.db);
});
afterAll(() => harness?.close());

describe('getFile', () => {
  it('presigns a download with the encoded name once ready, and none before', async () => {
    const caller = newCaller();
    const file = await uploaded(caller, { ...png, filename: 'naïve "cat".png' });
    expect((await getFile(ctx, caller, file.id)).download).toBeNull();
    await completeUpload(ctx, caller, file.id);

    const { download } = await getFile(ctx, caller, file.id);

    const params = new URL(download!.url).searchParams;
    expect(params.get('contentDisposition')).toBe(`attachment; filename="naive _cat_.png"; filename*=UTF-8''na%C3%AFve%20%22cat%22.png`);
    expect(params.get('expiresIn')).toBe('60');
  });
});

describe('listFiles', () => {
  it('pages newest first, filters by status and refuses forged cursors', async () => {
    const caller = newCaller();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift((await uploaded(caller, { ...png, size: 10 })).id);
      ctx.advance(1);
    }
    await completeUpload(ctx, caller, ids[1]!);

    const one = await listFiles(ctx, caller, { limit: 2 });
    const two = await listFiles(ctx, caller, { limit: 2, cursor: one.nextCursor! });
    const three = await listFiles(ctx, caller, { limit: 2, cursor: two.nextCursor! });

    expect([...one.items, ...two.items, ...three.items].map((f) => f.id)).toEqual(ids);
    expect(three.nextCursor).toBeNull();
    expect((await listFiles(ctx, caller, { limit: 10, status: 'ready' })).items.map((f) => f.id)).toEqual([ids[1]]);
    expect(await codeOf(listFiles(ctx, caller, { limit: 2, cursor: 'bm9wZQ' }))).toBe('INVALID_CURSOR');
  });
});

describe('deletion and cleanup', () => {
  it('deletes one file: object and record', async () => {
    const caller = newCaller();
    const file = await uploaded(caller);
    const key = file.key;

    await deleteFile(ctx, caller, file.id);

    expect(ctx.objects.objects.has(key)).toBe(false);
    expect(await ctx.files.findById(file.id)).toBeNull();
  });

  it("deletes every file of a user and nobody else's", async () => {
    const [gone, kept] = [newCaller(), newCaller()];
    for (let i = 0; i < 5; i++) await uploaded(gone, { ...png, size: 10 });
    const keep = await uploaded(kept);

    expect(await deleteUserFiles(ctx, gone.userId, { batchSize: 2 })).toEqual({ deleted: 5 });
    expect(await ctx.files.usage(gone.userId)).toBe(0);
    expect([...ctx.objects.objects.keys()].some((k) => k.includes(gone.userId))).toBe(false);
    expect(await ctx.files.findById(keep.id)).not.toBeNull();
  });

  it('deletes pending uploads older than the configured age, with their objects, and nothing else', async () => {
    const caller = newCaller();
    const stale = await uploaded(caller);
    const done = await uploaded(caller);
    await completeUpload(ctx, caller, done.id);
    const staleKey = stale.key;
    ctx.advance(23 * 3600);
    const fresh = await uploaded(caller);

    const result = await cleanupStalePending({ ...ctx, now: () => ctx.now!() + 2 * 3600_000 });

    expect(result).toMatchObject({ deleted: expect.any(Number), failedKeys: [], truncated: false });
    expect(await ctx.files.findById(stale.id)).toBeNull();
    expect(ctx.objects.objects.has(staleKey)).toBe(false);
    expect(await ctx.files.findById(done.id)).not.toBeNull();
    expect(await ctx.files.findById(fresh.id)).not.toBeNull();
  });
});

describe('handleObjectCreated', () => {
  it('completes the file, deletes orphans under users/ and ignores other keys', async () => {
    const caller = newCaller();
    const file = await uploaded(caller);
    const key = file.key;
    const orphan = `users/${caller.userId}/${new ObjectId().toHexString()}`;
    ctx.objects.put(orphan, { size: 1, contentType: 'image/png' });
    ctx.objects.put('exports/report.csv', { size: 1, contentType: 'text/csv' });

    expect(await handleObjectCreated(ctx, key)).toBe('ready');
    expect(await handleObjectCreated(ctx, orphan)).toBe('orphan-deleted');
    expect(await handleObjectCreated(ctx, 'exports/report.csv')).toBe('ignored');
    expect((await ctx.files.findById(file.id))?.status).toBe('ready');
    expect(ctx.objects.objects.has(orphan)).toBe(false);
    expect(ctx.objects.objects.has('exports/report.csv')).toBe(true);
  });

  it("treats a key under another user's prefix as an orphan", async () => {
    const owner = newCaller();
    const file = await uploaded(owner);
    const forged = `users/${newCaller().userId}/${file.id}`;
    ctx.objects.put(forged, { size: 100, contentType: 'image/png' });

    expect(await handleObjectCreated(ctx, forged)).toBe('orphan-deleted');
    expect((await ctx.files.findById(file.id))?.status).toBe('pending');
  });
});
