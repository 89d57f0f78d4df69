/**
 * Files over HTTP against the embedded MongoDB and s3rver: the full presigned
 * flow, the checks at `complete`, ownership, filenames, validation, listing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../packages/core/src/files/content-disposition';
import { sanitizeFilename } from '../../packages/core/src/files/filename';
import { startTestApi, type TestApi } from '../helpers/api';
import { createAdmin, NO_RATE_LIMITS, registerUser } from '../helpers/auth';
import { bucketOf, complete, createFile, keyOf, putBytes, uploadFile } from '../helpers/files';

let api: TestApi;
let bucket: ReturnType<typeof bucketOf>;
beforeAll(async () => {
  api = await startTestApi({ ...NO_RATE_LIMITS, RATE_LIMIT_UPLOADS: '100000/1m', FILES_UPLOAD_URL_TTL_SECONDS: '120' });
  bucket = bucketOf(api);
}, 120_000);
afterAll(async () => {
  bucket?.s3.destroy();
  await api?.stop();
});

const bytesOf = (s: string) => new TextEncoder().encode(s);

describe('the presigned upload flow', () => {
  it('create → PUT → complete → list → download → delete', async () => {
    const { accessToken: token, user } = await registerUser(api);
    const bytes = bytesOf('hello, shared storage\n');

    const created = await api.request('POST', '/api/v1/files', { token, body: { filename: 'hello.txt', contentType: 'text/plain', size: bytes.byteLength } });
    expect(created.status).toBe(201);
    const { file, upload } = created.body;
    expect(created.headers.get('location')).toBe(`/api/v1/files/${file.id}`);
    expect(file).toMatchObject({ filename: 'hello.txt', contentType: 'text/plain', size: bytes.byteLength, status: 'pending', ownerId: user.id });
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/plain', 'content-length': String(bytes.byteLength) } });
    const signed = new URL(upload.url).searchParams;
    expect(signed.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(signed.get('X-Amz-Expires')).toBe('120');
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    expect(new URL(upload.url).pathname).toBe(`/${bucket.bucket}/${keyOf(user.id, file.id)}`);

    expect((await putBytes(upload, bytes)).status).toBe(200);
    const done = await complete(api, token, file.id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: file.id, status: 'ready', completedAt: expect.any(String) });

    const list = await api.request('GET', '/api/v1/files', { token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [done.body], nextCursor: null });

    const got = await api.request('GET', `/api/v1/files/${file.id}`, { token });
    expect(got.status).toBe(200);
    expect(got.body.file).toEqual(done.body);
    expect(got.body.download).toMatchObject({ method: 'GET', url: expect.any(String), expiresAt: expect.any(String) });
    const download = await fetch(got.body.download.url);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="hello.txt"; filename*=UTF-8''hello.txt`);

    const deleted = await api.request('DELETE', `/api/v1/files/${file.id}`, { token });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect(await bucket.exists(keyOf(user.id, file.id))).toBe(false);
    expect((await api.request('GET', `/api/v1/files/${file.id}`, { token })).body.code).toBe('FILE_NOT_FOUND');
  });

  it('answers 409 UPLOAD_MISSING before the PUT, then completes idempotently', async () => {
    const { accessToken: token } = await registerUser(api);
    const bytes = bytesOf('later');
    const { file, upload } = await createFile(api, token, { filename: 'a.txt', contentType: 'text/plain', size: bytes.byteLength });

    const early = await complete(api, token, file.id);
    await putBytes(upload, bytes);
    const first = await complete(api, token, file.id);
    const second = await complete(api, token, file.id);

    expect(early).toMatchObject({ status: 409, body: { code: 'UPLOAD_MISSING' } });
    expect(early.headers.get('content-type')).toBe('application/problem+json');
    expect(first).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(second.body).toEqual(first.body);
  });

  it.each([
    ['size', { filename: 'a.txt', contentType: 'text/plain', size: 5 }, bytesOf('123456'), {}],
    ['type', { filename: 'a.txt', contentType: 'text/plain', size: 6 }, bytesOf('<html>'), { 'content-type': 'text/html' }],
  ])('rejects a %s that differs from the declaration: 422, rejected, object gone', async (_what, declared, bytes, headers) => {
    const { accessToken: token, user } = await registerUser(api);
    const { file, upload } = await createFile(api, token, declared);
    // s3rver checks no signature, so the tampered PUT is stored: the API must catch it.
    expect((await putBytes(upload, bytes, { ...headers, 'content-length': String(bytes.byteLength) })).status).toBe(200);

    const res = await complete(api, token, file.id);

    expect(res).toMatchObject({ status: 422, body: { code: 'UPLOAD_MISMATCH', expected: { size: declared.size, contentType: 'text/plain' } } });
    expect(await bucket.exists(keyOf(user.id, file.id))).toBe(false);
    expect((await api.request('GET', `/api/v1/files/${file.id}`, { token })).body).toMatchObject({ file: { status: 'rejected' }, download: null });
    expect((await complete(api, token, file.id)).status).toBe(422);
  });
});

describe('ownership', () => {
  it("answers 404 for someone else's file on get, complete and delete; an admin may read it", async () => {
    const owner = await registerUser(api);
    const other = await registerUser(api);
    const admin = await createAdmin(api);
    const file = await uploadFile(api, owner.accessToken);

    for (const [method, path] of [['GET', ''], ['POST', '/complete'], ['DELETE', '']] as const) {
      const res = await api.request(method, `/api/v1/files/${file.id}${path}`, { token: other.accessToken });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('FILE_NOT_FOUND');
    }
    expect((await api.request('GET', `/api/v1/files/${file.id}`, { token: admin.accessToken })).body.file.id).toBe(file.id);
    expect((await api.request('GET', '/api/v1/files', { token: other.accessToken })).body.items).toEqual([]);
    expect(await bucket.exists(keyOf(owner.user.id, file.id))).toBe(true);
  });

  it('answers 404 for unknown and malformed ids, 401 without a token', async () => {
    const { accessToken: token } = await registerUser(api);

    expect((await api.request('GET', '/api/v1/files/0123456789abcdef01234567', { token })).status).toBe(404);
    expect((await api.request('GET', '/api/v1/files/..%2F..%2Fetc', { token })).status).toBe(404);
    expect((await api.request('GET', '/api/v1/files')).status).toBe(401);
  });
});

describe('filenames', () => {
  it.each([
    '../../etc/passwd',
    'line\r\nbreak"quoted"\u0000.txt',
    `${'long-name-'.repeat(60)}.txt`,
    'résumé 日本語 👩‍👩‍👧.txt',
    "it's (100%) *fine*; really.txt",
  ])('stores %j safely and serves it back in Content-Disposition', async (filename) => {
    const { accessToken: token, user } = await registerUser(api);

    const file = await uploadFile(api, token, { filename });
    const { body } = await api.request('GET', `/api/v1/files/${file.id}`, { token });
    const download = await fetch(body.download.url);

    expect(file.filename).toBe(sanitizeFilename(filename));
    expect(download.headers.get('content-disposition')).toBe(contentDisposition(filename));
    const star = /filename\*=UTF-8''(.+)$/.exec(download.headers.get('content-disposition')!)![1]!;
    expect(decodeURIComponent(star)).toBe(file.filename);
    expect(body.download.url).toContain(`/${keyOf(user.id, file.id)}?`);
  });
});
