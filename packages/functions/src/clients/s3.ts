import type { S3Client } from '@aws-sdk/client-s3';
import { requireSetting } from '@nocturnal/core/config';
import { createS3Client } from '@nocturnal/core/storage/s3';
import { getDeps, onClose } from '../deps';

let s3: S3Client | undefined;

/** The process-wide S3 client (created on first use, reused across invocations). */
export function getS3(): S3Client {
  if (s3) return s3;
  const created = createS3Client(getDeps().config);
  s3 = created;
  onClose(() => {
    s3 = undefined;
    created.destroy();
  });
  return created;
}

export function getBucket(): string {
  return requireSetting(getDeps().config, 'BUCKET_NAME');
}
