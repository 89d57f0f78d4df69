import { requireSetting } from '@nocturnal/core/config';
import { createS3Client } from '@nocturnal/core/storage/s3';
import { defineClient, type Runtime } from '../runtime';

/** The S3 client of the process. */
export const s3Client = defineClient({
  name: 's3',
  resource: 'bucket',
  create: ({ config }) => createS3Client(config),
  close: (s3) => s3.destroy(),
});

/** The uploads bucket's name (`BUCKET_NAME`). */
export function bucketOf(runtime: Runtime): string {
  return requireSetting(runtime.config, 'BUCKET_NAME');
}
