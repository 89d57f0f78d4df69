import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config';

/**
 * Creates the S3 client. Real S3 keeps the SDK defaults; only an endpoint
 * override (s3rver locally, MinIO self-hosted) gets path-style addressing and
 * checksums limited to `WHEN_REQUIRED`, which s3rver needs to keep streamed
 * bodies intact.
 *
 * @example
 * const s3 = createS3Client(config);
 */
export function createS3Client(
  config: Pick<Config, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'>,
): S3Client {
  if (!config.S3_ENDPOINT) return new S3Client({ region: config.S3_REGION });
  return new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } }
      : {}),
  });
}

export async function headBucket(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new HeadBucketCommand({ Bucket: bucket }));
}
