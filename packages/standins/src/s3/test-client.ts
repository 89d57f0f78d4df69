import { S3Client } from '@aws-sdk/client-s3';

/**
 * An S3 client for tests against the stand-in (the real factory lives in core): path
 * style, s3rver's default credentials, and checksums only when required (the SDK's
 * default flexible checksums corrupt streamed bodies on s3rver).
 */
export function createTestS3Client(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
