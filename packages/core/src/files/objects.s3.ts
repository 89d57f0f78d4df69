import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore } from './types';

/** Signed on the PUT, so the bucket refuses another type or length (real S3 does; s3rver does not). */
const SIGNED_PUT_HEADERS = new Set(['content-type', 'content-length']);

/**
 * The object port on S3 (or any S3-compatible store). Presigning is local
 * (no request); `head` and `delete` are one request each.
 *
 * @example
 * const objects = s3ObjectStore({ s3: createS3Client(config), bucket: config.BUCKET_NAME });
 * const url = await objects.presignPut({ key, contentType: 'image/png', size: 10, signedAt: new Date(), expiresInSeconds: 300 });
 */
export function s3ObjectStore(opts: { s3: S3Client; bucket: string }): ObjectStore {
  const { s3, bucket } = opts;
  return {
    presignPut: ({ key, contentType, size, signedAt, expiresInSeconds }) =>
      getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: size }), {
        expiresIn: expiresInSeconds,
        signingDate: signedAt,
        signableHeaders: SIGNED_PUT_HEADERS,
      }),
    presignGet: ({ key, contentDisposition, signedAt, expiresInSeconds }) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: contentDisposition }), {
        expiresIn: expiresInSeconds,
        signingDate: signedAt,
      }),
    async head(key) {
      try {
        const out = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { size: out.ContentLength ?? 0, contentType: out.ContentType };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}

/**
 * A missing object. Without `s3:ListBucket` (deliberately not granted: it would
 * list every user's keys), S3 answers HEAD of a missing key with 403, not 404.
 */
function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  const status = error.$metadata?.httpStatusCode;
  return status === 404 || status === 403 || error.name === 'NotFound' || error.name === 'NoSuchKey';
}
