/** Shared pieces of the file suites: the client's side of an upload, and a look inside the bucket. */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { TestApi, TestResponse } from './api';

export interface Upload {
  file: { id: string; status: string; [k: string]: unknown };
  upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string };
}

/** `POST /api/v1/files`; fails loudly on anything but 201. */
export async function createFile(api: TestApi, token: string, body: { filename: string; contentType: string; size: number }): Promise<Upload> {
  const res = await api.request('POST', '/api/v1/files', { token, body });
  if (res.status !== 201) throw new Error(`create ${body.filename}: ${res.status} ${res.text}`);
  return res.body;
}

/** What a client does with the presigned PUT: the returned headers, the bytes, straight to the bucket. */
export async function putBytes(upload: Upload['upload'], bytes: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(upload.url, { method: upload.method, headers: { ...upload.headers, ...headers }, body: bytes });
}

export const complete = (api: TestApi, token: string, id: string): Promise<TestResponse> =>
  api.request('POST', `/api/v1/files/${id}/complete`, { token });

/** create → PUT → complete; returns the completed file. */
export async function uploadFile(
  api: TestApi,
  token: string,
  opts: { filename?: string; contentType?: string; bytes?: Uint8Array } = {},
): Promise<{ id: string; status: string; [k: string]: unknown }> {
  const bytes = opts.bytes ?? new TextEncoder().encode(`hello ${Math.random()}`);
  const created = await createFile(api, token, {
    filename: opts.filename ?? 'hello.txt',
    contentType: opts.contentType ?? 'text/plain',
    size: bytes.byteLength,
  });
  const put = await putBytes(created.upload, bytes);
  if (!put.ok) throw new Error(`PUT: ${put.status} ${await put.text()}`);
  const done = await complete(api, token, created.file.id);
  if (done.status !== 200) throw new Error(`complete: ${done.status} ${done.text}`);
  return done.body;
}

/** An S3 client of our own against the stand-in, to look at the bucket directly. */
export function bucketOf(api: TestApi): { s3: S3Client; bucket: string; exists(key: string): Promise<boolean> } {
  const s3 = new S3Client({
    region: api.env.S3_REGION ?? 'us-east-1',
    endpoint: api.env.S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: api.env.S3_ACCESS_KEY_ID!, secretAccessKey: api.env.S3_SECRET_ACCESS_KEY! },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = api.env.BUCKET_NAME!;
  return {
    s3,
    bucket,
    exists: async (key) => {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },
  };
}

export const keyOf = (userId: string, fileId: string) => `users/${userId}/${fileId}`;
