import { getFile } from '@nocturnal/core/files/get-file';
import { filesContext } from '../clients/files';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { callerOf } from '../caller';
import { fileParams, fileWithDownload } from './schemas';

/** `GET /api/v1/files/{id}` → 200 `{file, download}` (owner or admin); 404. */
export const handler = route(
  'files-get',
  async ({ runtime, auth, params }) => reply(fileWithDownload, 200, await getFile(await runtime.get(filesContext), callerOf(auth), params.id)),
  { params: fileParams },
);
