import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type RunningS3 } from './start-s3';
import { createTestS3Client } from './test-client';

const APP = 'http://app.test:5173';

describe('S3 stand-in: presigned URLs and CORS', () => {
  let s3: RunningS3;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3({ corsOrigins: [APP] });
    client = createTestS3Client(s3.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it('uploads with a presigned PUT and reads the same bytes with a presigned GET', async () => {
    // Prepare
    const Bucket = s3.bucket;
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const putUrl = await getSignedUrl(client, new PutObjectCommand({ Bucket, Key: 'up.png', ContentType: 'image/png' }), {
      expiresIn: 60,
    });
    // Act
    const put = await fetch(putUrl, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: bytes });
    const head = await client.send(new HeadObjectCommand({ Bucket, Key: 'up.png' }));
    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket, Key: 'up.png' }), { expiresIn: 60 });
    const get = await fetch(getUrl);
    // Assess
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBeTruthy();
    expect(head.ContentType).toBe('image/png');
    expect(head.ContentLength).toBe(bytes.length);
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer())).toEqual(bytes);
  });

  it('refuses an expired presigned URL with 403', async () => {
    // Prepare: signed a minute ago, valid for one second.
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: s3.bucket, Key: 'up.png' }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 60_000),
    });
    // Act
    const res = await fetch(url);
    // Assess
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('AccessDenied');
  });

  it('allows a CORS preflight for PUT from the configured origin only', async () => {
    // Prepare
    const preflight = (origin: string) =>
      fetch(`${s3.endpoint}/${s3.bucket}/up.png`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
    // Act
    const allowed = await preflight(APP);
    const refused = await preflight('http://evil.test');
    const get = await fetch(`${s3.endpoint}/${s3.bucket}/up.png`, { headers: { origin: APP } });
    // Assess
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(refused.status).toBe(403);
    expect(get.headers.get('access-control-allow-origin')).toBe(APP);
    expect(get.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});
