/**
 * Floor (c): the S3 client and the presigner sign one PUT (no network).
 * Inputs: the functions' S3 settings (S3_ENDPOINT, S3_REGION, keys, BUCKET_NAME).
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const env = process.env;
const s3 = new S3Client({
  region: env.S3_REGION ?? 'us-east-1',
  ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}),
  ...(env.S3_ACCESS_KEY_ID ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY! } } : {}),
});

export async function step(): Promise<void> {
  await getSignedUrl(s3, new PutObjectCommand({ Bucket: env.BUCKET_NAME!, Key: 'floor/object', ContentType: 'text/plain', ContentLength: 5 }), { expiresIn: 300 });
}
