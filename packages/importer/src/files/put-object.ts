import { open } from 'node:fs/promises';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Streams a local file to one key of the bucket. */
export type PutFile = (input: { key: string; path: string; contentType: string }) => Promise<void>;

/**
 * The importer's one write to S3: a single `PutObject` streamed from disk
 * with its type and the length the file has now (the API's uploads are PUTs
 * of the same shape, to a presigned URL). A file that changed since it was
 * listed is stored as it is now, so the HEAD check after it sees the
 * difference and rejects it. A PUT is atomic: a run killed mid-upload leaves
 * no object.
 *
 * @example
 * await s3PutFile(s3, bucket)({ key: record.key, path, contentType });
 */
export function s3PutFile(s3: S3Client, bucket: string): PutFile {
  return async ({ key, path, contentType }) => {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const body = handle.createReadStream({ autoClose: false });
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: size, ContentType: contentType }));
    } finally {
      await handle.close();
    }
  };
}
