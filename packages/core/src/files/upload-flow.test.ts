import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import type { AppError } from '../errors';
import { completeUpload } from './complete-upload';
import { createUpload } from './create-upload';
import { deleteFile } from './delete-file';
import { getFile } from './get-file';
import { listFiles } from './list-files';
import { handleObjectCreated } from './object-created';
import { codeOf, newCaller } from '../testing';
import { createTestFilesContext, uploadedFile, type TestFilesContext } from './testing';
import type { Caller, ObjectInfo } from './types';

const DB = 'files_upload_flow';

let harness: Harness;
let ctx: TestFilesContext;
const png = { filename: 'cat.png', contentType: 'image/png', size: 100 };
const uploaded = (caller: Caller, input = png, stored?: ObjectInfo) => uploadedFile(ctx, caller, input, stored);

beforeAll(async () => {
  harness = await startHarness(DB);
  ctx = await createTestFilesContext(harness.db);
});
afterAll(() => harness?.close());

describe('createUpload', () => {
  it('records a pending file under users/{userId}/{fileId} and presigns a PUT for its type and size', async () => {
    const caller = newCaller();

    const { file, upload } = await createUpload(ctx, caller, { ...png, filename: '../../etc/passwd' });

    const record = await ctx.files.findById(file.id);
    expect(record).toMatchObject({ key: `users/${caller.userId}/${file.id}`, filename: '.._.._etc_passwd', status: 'pending' });
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/png', 'content-length': '100' } });
    expect(new URL(upload.url).searchParams.get('expiresIn')).toBe('300');
    expect(upload.expiresAt).toBe(new Date(ctx.now!() + 300_000).toISOString());
    expect(file).not.toHaveProperty('key');
  });

  it('refuses uploads over the quota and keeps no record of them', async () => {
    const caller = newCaller();
    for (let i = 0; i < 2; i++) await createUpload(ctx, caller, { ...png, size: 1000 });

    const error = await createUpload(ctx, caller, { ...png, size: 501 }).catch((e: AppError) => e);

    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED', extensions: { quotaBytes: 2500, usedBytes: 2000 } });
    expect((await listFiles(ctx, caller, { limit: 10 })).items).toHaveLength(2);
    expect(await codeOf(createUpload(ctx, caller, { ...png, size: 500 }))).toBeUndefined();
  });

  it('never lets concurrent uploads exceed the quota together', async () => {
    const caller = newCaller();

    await Promise.allSettled(Array.from({ length: 6 }, () => createUpload(ctx, caller, { ...png, size: 900 })));

    expect(await ctx.files.usage(caller.userId)).toBeLessThanOrEqual(2500);
  });
});

describe('completeUpload', () => {
  it('marks a matching object ready, idempotently', async () => {
    const caller = newCaller();
    const file = await uploaded(caller);

    const first = await completeUpload(ctx, caller, file.id);
    const again = await completeUpload(ctx, caller, file.id);

    expect(first.status).toBe('ready');
    expect(again).toEqual(first);
  });

  it('answers UPLOAD_MISSING before the PUT and leaves the file pending', async () => {
    const caller = newCaller();
    const { file } = await createUpload(ctx, caller, png);

    expect(await codeOf(completeUpload(ctx, caller, file.id))).toBe('UPLOAD_MISSING');
    expect((await ctx.files.findById(file.id))?.status).toBe('pending');
  });

  it.each([
    ['size', { size: 99, contentType: 'image/png' }],
    ['type', { size: 100, contentType: 'text/html' }],
    ['missing type', { size: 100, contentType: undefined }],
  ])('rejects a %s mismatch, deletes the object, and stays rejected', async (_name, stored) => {
    const caller = newCaller();
    const file = await uploaded(caller, png, stored);
    const key = file.key;

    const error = await completeUpload(ctx, caller, file.id).catch((e: AppError) => e);

    expect(error).toMatchObject({ code: 'UPLOAD_MISMATCH', extensions: { expected: { size: 100, contentType: 'image/png' } } });
    expect(ctx.objects.objects.has(key)).toBe(false);
    expect((await ctx.files.findById(file.id))?.status).toBe('rejected');
    ctx.objects.put(key, { size: 100, contentType: 'image/png' });
    expect(await codeOf(completeUpload(ctx, caller, file.id))).toBe('UPLOAD_MISMATCH');
    expect(ctx.objects.objects.has(key)).toBe(false);
  });

  it('agrees on one outcome when complete and the notification race', async () => {
    const caller = newCaller();
    const file = await uploaded(caller);
    const key = file.key;

    const results = await Promise.all([
      completeUpload(ctx, caller, file.id),
      handleObjectCreated(ctx, key),
      completeUpload(ctx, caller, file.id),
    ]);

    expect(results[0].status).toBe('ready');
    expect(results[1]).toBe('ready');
  });
});

describe('access', () => {
  it("answers FILE_NOT_FOUND for someone else's file, an unknown id and a malformed id", async () => {
    const owner = newCaller();
    const other = newCaller();
    const file = await uploaded(owner);

    for (const id of [file.id, new ObjectId().toHexString(), 'not-an-id']) {
      expect(await codeOf(getFile(ctx, other, id)), id).toBe('FILE_NOT_FOUND');
      expect(await codeOf(completeUpload(ctx, other, id)), id).toBe('FILE_NOT_FOUND');
      expect(await codeOf(deleteFile(ctx, other, id)), id).toBe('FILE_NOT_FOUND');
    }
    expect((await ctx.files.findById(file.id))?.status).toBe('pending');
  });

  it('lets an admin read any file, but not complete or delete it', async () => {
    const owner = newCaller();
    const admin = newCaller('admin');
    const file = await uploaded(owner);
    await completeUpload(ctx, owner, file.id);

    expect((await getFile(ctx, admin, file.id)).file.id).toBe(file.id);
    expect(await codeOf(deleteFile(ctx, admin, file.id))).toBe('FILE_NOT_FOUND');
  });
});

