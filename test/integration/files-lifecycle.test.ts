/**
 * Files over HTTP, around the flow: input checks and quota, pagination, URL
 * expiry, the jobs outside the route table (cleanup, the S3 notification
 * handler, both called directly) and account deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Event } from 'aws-lambda';
import { MongoClient } from 'mongodb';
import { s3ObjectStore } from '../../packages/core/src/files/objects.s3';
import { startTestApi, type TestApi } from '../helpers/api';
import { NO_RATE_LIMITS, registerUser } from '../helpers/auth';
import { bucketOf, createFile, keyOf, putBytes, uploadFile } from '../helpers/files';

let api: TestApi;
let bucket: ReturnType<typeof bucketOf>;
beforeAll(async () => {
  api = await startTestApi({
    ...NO_RATE_LIMITS,
    RATE_LIMIT_UPLOADS: '100000/1m',
    FILES_MAX_BYTES: '600',
    FILES_QUOTA_BYTES: '1000',
    FILES_ALLOWED_TYPES: 'text/plain,image/png',
    FILES_PENDING_MAX_AGE_HOURS: '24',
  });
  bucket = bucketOf(api);
}, 120_000);
afterAll(async () => {
  bucket?.s3.destroy();
  await api?.stop();
});

const declare = (size: number, contentType = 'text/plain') => ({ filename: 'x.txt', contentType, size });
const post = (token: string, body: unknown) => api.request('POST', '/api/v1/files', { token, body });

describe('POST /files checks', () => {
  it('415 for a type outside the allow-list, 413 over the maximum, 400 for a malformed body', async () => {
    const { accessToken: token } = await registerUser(api);

    const type = await post(token, declare(10, 'application/x-msdownload'));
    const large = await post(token, declare(601));
    const bad = await post(token, { filename: 'x', contentType: 'text/plain', size: -1, extra: true });

    expect(type).toMatchObject({ status: 415, body: { code: 'FILE_TYPE_NOT_ALLOWED', allowedTypes: ['text/plain', 'image/png'] } });
    expect(large).toMatchObject({ status: 413, body: { code: 'FILE_TOO_LARGE', maxBytes: 600 } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(type.headers.get('content-type')).toBe('application/problem+json');
  });

  it('413 QUOTA_EXCEEDED once pending and ready files would pass FILES_QUOTA_BYTES', async () => {
    const { accessToken: token } = await registerUser(api);
    await uploadFile(api, token, { bytes: new Uint8Array(500) });
    await createFile(api, token, declare(400));

    const over = await post(token, declare(101));

    expect(over).toMatchObject({ status: 413, body: { code: 'QUOTA_EXCEEDED', quotaBytes: 1000, usedBytes: 900 } });
    expect((await post(token, declare(100))).status).toBe(201);
  });
});

describe('GET /files', () => {
  it('pages newest first and filters by status', async () => {
    const { accessToken: token } = await registerUser(api);
    const ready = [await uploadFile(api, token), await uploadFile(api, token)];
    const pending = (await createFile(api, token, declare(3))).file;
    const expected = [pending.id, ready[1]!.id, ready[0]!.id];

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.request('GET', `/api/v1/files?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.body.items).toHaveLength(1);
      seen.push(res.body.items[0].id);
      cursor = res.body.nextCursor;
    } while (cursor);
    const onlyReady = await api.request('GET', '/api/v1/files?status=ready', { token });
    const onlyPending = await api.request('GET', '/api/v1/files?status=pending', { token });

    expect(seen).toEqual(expected);
    expect(onlyReady.body.items.map((f: { id: string }) => f.id)).toEqual([ready[1]!.id, ready[0]!.id]);
    expect(onlyPending.body.items.map((f: { id: string }) => f.id)).toEqual([pending.id]);
    expect((await api.request('GET', '/api/v1/files?status=lost', { token })).status).toBe(400);
    expect((await api.request('GET', '/api/v1/files?cursor=forged', { token })).body.code).toBe('VALIDATION_FAILED');
  });
});

describe('presigned URL expiry', () => {
  it('the bucket refuses a PUT whose URL has expired', async () => {
    const objects = s3ObjectStore({ s3: bucket.s3, bucket: bucket.bucket });
    const key = 'users/expiry/test';
    const signedAt = new Date(Date.now() - 10 * 60_000);

    const url = await objects.presignPut({ key, contentType: 'text/plain', size: 2, signedAt, expiresInSeconds: 300 });
    const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'hi' });

    expect(res.status).toBe(403);
    expect(await res.text()).toContain('expired');
    expect(await bucket.exists(key)).toBe(false);
  });
});

describe('jobs', () => {
  it('the cleanup job deletes pending uploads older than the configured age, records and objects', async () => {
    const { accessToken: token, user } = await registerUser(api);
    const stale = await createFile(api, token, declare(2));
    await putBytes(stale.upload, new TextEncoder().encode('hi'));
    const ready = await uploadFile(api, token);
    const { runCleanupPending } = await import('../../packages/functions/src/jobs/cleanup-pending');

    const early = await runCleanupPending({ now: new Date(Date.now() + 23 * 3600_000) });
    const late = await runCleanupPending({ now: new Date(Date.now() + 25 * 3600_000) });

    expect(early.deleted).toBe(0);
    expect(late).toMatchObject({ failedKeys: [], truncated: false });
    expect(late.deleted).toBeGreaterThanOrEqual(1);
    expect((await api.request('GET', `/api/v1/files/${stale.file.id}`, { token })).status).toBe(404);
    expect(await bucket.exists(keyOf(user.id, stale.file.id))).toBe(false);
    expect((await api.request('GET', `/api/v1/files/${ready.id}`, { token })).body.file.status).toBe('ready');
  });

  it('the ObjectCreated handler marks an uploaded file ready without a call to complete', async () => {
    const { accessToken: token, user } = await registerUser(api);
    const { file, upload } = await createFile(api, token, declare(5));
    await putBytes(upload, new TextEncoder().encode('hello'));
    const { handler } = await import('../../packages/functions/src/jobs/object-created');

    const result = await handler(s3Event(bucket.bucket, keyOf(user.id, file.id), 5));

    expect(result.outcomes).toEqual([{ key: keyOf(user.id, file.id), outcome: 'ready' }]);
    expect((await api.request('GET', `/api/v1/files/${file.id}`, { token })).body.file.status).toBe('ready');
  });
});

describe('account deletion', () => {
  it('DELETE /users/me deletes every file of the user, objects and records', async () => {
    const { accessToken: token, user } = await registerUser(api);
    const other = await registerUser(api);
    const mine = [await uploadFile(api, token), (await createFile(api, token, declare(4))).file];
    const theirs = await uploadFile(api, other.accessToken);

    expect((await api.request('DELETE', '/api/v1/users/me', { token })).status).toBe(204);

    for (const file of mine) expect(await bucket.exists(keyOf(user.id, file.id))).toBe(false);
    expect(await countRecords({ ownerId: user.id })).toBe(0);
    expect(await countRecords({ ownerId: other.user.id })).toBe(1);
    expect(await bucket.exists(keyOf(other.user.id, theirs.id))).toBe(true);
    expect((await api.request('GET', `/api/v1/files/${theirs.id}`, { token: other.accessToken })).status).toBe(200);
  });
});

/** File records in the API's database, counted directly. */
async function countRecords(filter: Record<string, unknown>): Promise<number> {
  const client = await new MongoClient(api.env.MONGODB_URI!).connect();
  try {
    return await client.db(process.env.MONGODB_DB ?? 'nocturnal').collection('files').countDocuments(filter);
  } finally {
    await client.close();
  }
}

/** What S3 sends for one `PUT` (keys URL-encoded). */
function s3Event(bucketName: string, key: string, size: number): S3Event {
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: new Date().toISOString(),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:EXAMPLE' },
    requestParameters: { sourceIPAddress: '203.0.113.7' },
    responseElements: { 'x-amz-request-id': 'req', 'x-amz-id-2': 'id2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'uploads',
      bucket: { name: bucketName, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucketName}` },
      object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: 'etag', sequencer: '00' },
    },
  };
  return { Records: [record] } as S3Event;
}
