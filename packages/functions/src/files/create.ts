import { createUpload } from '@nocturnal/core/files/create-upload';
import { filesContext } from '../clients/files';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { callerOf } from '../caller';
import { createFileBody, createdUpload } from './schemas';

/** `POST /api/v1/files` `{filename, contentType, size}` → 201 `{file, upload}`; 413, 415. */
export const handler = route(
  'files-create',
  async ({ runtime, auth, body }) => {
    const created = await createUpload(await runtime.get(filesContext), callerOf(auth), body);
    return reply(createdUpload, 201, created, { location: `/api/v1/files/${created.file.id}` });
  },
  { body: createFileBody },
);
