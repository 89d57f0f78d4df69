/**
 * The zod schemas of the file routes: strict objects of primitives, bounded.
 * The use cases check types, sizes and names against the configuration.
 */
import * as z from 'zod';
import { FILE_STATUSES } from '@nocturnal/core/files/types';
import { cursor, nextCursor, objectId, pageLimit } from '../auth/schemas';

export const createFileBody = z.strictObject({
  /** Any name up to 1,024 characters: core sanitises and shortens it. */
  filename: z.string().min(1).max(1024),
  contentType: z.string().min(3).max(255),
  size: z.number().int().min(1),
});

export const listFilesQuery = z.strictObject({
  limit: pageLimit,
  cursor,
  status: z.enum(FILE_STATUSES).optional().meta({ description: 'Only files in this state; a cursor belongs to its filter.' }),
});

export const fileParams = z.object({
  id: z.string().min(1).max(100).meta({ description: 'A file id; a malformed or non-canonical id answers like an unknown one (404).' }),
});

// Responses (see auth/schemas.ts).

const timestamp = z.iso.datetime().meta({ example: '2026-05-01T12:00:00.000Z' });

export const publicFile = z
  .object({
    id: objectId,
    ownerId: objectId,
    filename: z.string().meta({ description: 'The original name, sanitised (NFC, no control or bidi characters, no slashes, at most 255 UTF-8 bytes).' }),
    contentType: z.string().meta({ description: 'Normalised (lower-case type); the upload must send it exactly.' }),
    size: z.number().int().positive().meta({ description: 'Declared size in bytes.' }),
    status: z.enum(FILE_STATUSES).meta({ description: '`pending` until `complete` verifies the object; then `ready`, or `rejected` (object deleted).' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    completedAt: timestamp.nullable(),
  })
  .meta({ id: 'File', description: 'What the API shows of a file.' });

/*
 * Core types a presigned request loosely (`method: 'PUT' | 'GET'`, `headers:
 * Record<string, string>`); the overrides state what each use case always
 * answers, and the contract test holds the answers to them.
 */
const presigned = { url: z.url(), expiresAt: timestamp.meta({ description: 'When the URL stops working.' }) };

export const uploadRequest = z
  .object({
    method: z.enum(['PUT', 'GET']).meta({ override: { const: 'PUT' } }),
    ...presigned,
    headers: z.record(z.string(), z.string()).meta({
      description:
        'Send exactly these headers with the PUT, as they are, and no other `Content-*` header: they are signed, so S3 refuses a PUT whose type or length differs. (A browser sets `Content-Length` itself.)',
      override: {
        properties: { 'content-type': { type: 'string' }, 'content-length': { type: 'string', pattern: '^[0-9]+$' } },
        required: ['content-type', 'content-length'],
      },
      example: { 'content-type': 'text/plain', 'content-length': '22' },
    }),
  })
  .meta({
    id: 'UploadRequest',
    description: 'A presigned PUT straight to the bucket: send the bytes to `url` with `method` and exactly `headers`, then call `POST /api/v1/files/{id}/complete`.',
  });

export const downloadRequest = z
  .object({
    method: z.enum(['PUT', 'GET']).meta({ override: { const: 'GET' } }),
    ...presigned,
    headers: z.record(z.string(), z.string()).meta({ description: 'Empty: a plain GET.', override: { maxProperties: 0 } }),
  })
  .meta({ id: 'DownloadRequest', description: 'A presigned GET: the bucket answers with `Content-Disposition: attachment` and the original name.' });

export const createdUpload = z.object({ file: publicFile, upload: uploadRequest }).meta({ id: 'CreatedUpload' });

export const fileWithDownload = z
  .object({ file: publicFile, download: downloadRequest.nullable().meta({ description: 'A presigned GET once the file is `ready`, else `null`.' }) })
  .meta({ id: 'FileWithDownload' });

export const filePage = z.object({ items: z.array(publicFile), nextCursor }).meta({ id: 'FilePage', description: 'Own files, newest first.' });
