import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { S3StartError } from './errors';
import { startS3 } from './start-s3';
import { createTestS3Client } from './test-client';

describe('startS3', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('keeps objects across a restart with a dataDir', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 's3-data-'));
    dirs.push(dataDir);
    const first = await startS3({ dataDir, bucket: 'kept-bucket' });
    const firstClient = createTestS3Client(first.endpoint);
    await firstClient.send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'k.txt', Body: 'persisted' }));
    firstClient.destroy();
    await first.stop();
    // Act
    const second = await startS3({ dataDir, bucket: 'kept-bucket' });
    const secondClient = createTestS3Client(second.endpoint);
    const got = await secondClient.send(new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'k.txt' }));
    const text = await got.Body!.transformToString();
    secondClient.destroy();
    await second.stop();
    // Assess
    expect(text).toBe('persisted');
    expect(existsSync(dataDir)).toBe(true);
  });

  it('removes its temp directory on stop and stops only once', async () => {
    // Prepare
    const s3 = await startS3();
    // Act
    await Promise.all([s3.stop(), s3.stop()]);
    // Assess
    expect(existsSync(s3.directory)).toBe(false);
    expect((await fetch(s3.endpoint).catch((e: Error) => e)) instanceof Error).toBe(true);
  });

  it('fails with a typed error when the port is taken', async () => {
    // Prepare
    const first = await startS3();
    // Act
    const error = await startS3({ port: first.port }).catch((e: unknown) => e);
    await first.stop();
    // Assess
    expect(error).toBeInstanceOf(S3StartError);
    expect((error as S3StartError).code).toBe('S3_START_FAILED');
  });
});
