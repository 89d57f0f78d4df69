import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type RunningS3 } from './start-s3';
import { createTestS3Client } from './test-client';

describe('S3 stand-in: objects through @aws-sdk/client-s3', () => {
  let s3: RunningS3;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3();
    client = createTestS3Client(s3.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it('creates the default bucket', () => {
    expect(s3.bucket).toBe('nocturnal-uploads');
  });

  it('puts, heads, gets and deletes an object', async () => {
    // Prepare
    const Bucket = s3.bucket;
    const body = Buffer.from([0, 1, 2, 0x80, 0xff, ...Buffer.from('ünïcode')]);
    // Act
    await client.send(new PutObjectCommand({ Bucket, Key: 'a/b.bin', Body: body, ContentType: 'application/octet-stream' }));
    const head = await client.send(new HeadObjectCommand({ Bucket, Key: 'a/b.bin' }));
    const got = await client.send(new GetObjectCommand({ Bucket, Key: 'a/b.bin' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    await client.send(new DeleteObjectCommand({ Bucket, Key: 'a/b.bin' }));
    const afterDelete = await client.send(new HeadObjectCommand({ Bucket, Key: 'a/b.bin' })).catch((e: Error) => e);
    // Assess
    expect(head.ContentLength).toBe(body.length);
    expect(head.ContentType).toBe('application/octet-stream');
    expect(bytes).toEqual(body);
    expect((afterDelete as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(404);
  });

  it('pages ListObjectsV2 with continuation tokens', async () => {
    // Prepare
    const keys = Array.from({ length: 7 }, (_, i) => `list/item-${i}`);
    await Promise.all(keys.map((Key) => client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: Key }))));
    // Act
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'list/', MaxKeys: 3, ContinuationToken: token }),
      );
      pages.push((page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    // Assess
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(keys);
  });
});
