import { createFileBody, createdUpload, fileParams, filePage, fileWithDownload, listFilesQuery, publicFile } from '../../files/schemas';
import type { OperationSpecs } from '../spec';

const notYours = 'Someone else\'s file answers 404 `FILE_NOT_FOUND`, exactly like an unknown id.';

export const fileOperations: OperationSpecs = {
  'files-create': {
    tag: 'Files',
    summary: 'Start an upload',
    description: [
      'Records a `pending` file and answers a presigned PUT. The bytes never pass through the API:',
      '1. `PUT` the bytes to `upload.url` with `upload.method` and **exactly** `upload.headers` (Content-Type and Content-Length are signed);',
      '2. `POST /api/v1/files/{id}/complete`: the API checks the object (size and type) and the file becomes `ready`, or `rejected` (422).',
      'Limited by the `uploads` policy. The quota counts `pending` and `ready` files.',
    ].join('\n'),
    input: { body: createFileBody },
    responses: {
      201: {
        description: 'The pending file and its presigned PUT.',
        schema: createdUpload,
        headers: ['Location'],
        links: { complete: { operationId: 'files-complete', parameters: { id: '$response.body#/file/id' }, description: 'After the PUT.' } },
      },
    },
    errors: ['FILE_TOO_LARGE', 'QUOTA_EXCEEDED', 'FILE_TYPE_NOT_ALLOWED'],
  },
  'files-list': {
    tag: 'Files',
    summary: 'List my files',
    description: 'Newest first. Keyset pagination: pass `nextCursor` back as `cursor`, with the same `status`, until it is `null`.',
    input: { query: listFilesQuery },
    responses: {
      200: {
        description: 'One page of own files.',
        schema: filePage,
        links: {
          next: { operationId: 'files-list', parameters: { cursor: '$response.body#/nextCursor', status: '$request.query.status' }, description: 'The next page.' },
        },
      },
    },
  },
  'files-get': {
    tag: 'Files',
    summary: 'Read a file and its download URL',
    description: `The owner, or an admin, may read a file. ${notYours}`,
    input: { params: fileParams },
    responses: { 200: { description: 'The file; a presigned GET once it is `ready`.', schema: fileWithDownload } },
    errors: ['FILE_NOT_FOUND'],
  },
  'files-complete': {
    tag: 'Files',
    summary: 'Complete an upload',
    description: `Checks the uploaded object: size and type equal to the declaration → \`ready\`; anything else → the object is deleted, the file is \`rejected\` (422). Idempotent. ${notYours}`,
    input: { params: fileParams },
    responses: { 200: { description: 'The file, `ready`.', schema: publicFile } },
    errors: ['FILE_NOT_FOUND', 'UPLOAD_MISSING', 'UPLOAD_MISMATCH'],
  },
  'files-delete': {
    tag: 'Files',
    summary: 'Delete a file',
    description: `The object, then the record. ${notYours}`,
    input: { params: fileParams },
    responses: { 204: { description: 'Deleted.' } },
    errors: ['FILE_NOT_FOUND'],
  },
};
