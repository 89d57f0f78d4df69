import { completeUpload } from '@nocturnal/core/files/complete-upload';
import { filesContext } from '../clients/files';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { callerOf } from '../caller';
import { fileParams, publicFile } from './schemas';

/** `POST /api/v1/files/{id}/complete` → 200 file (`ready`); 404, 409 UPLOAD_MISSING, 422 UPLOAD_MISMATCH. */
export const handler = route(
  'files-complete',
  async ({ runtime, auth, params }) => reply(publicFile, 200, await completeUpload(await runtime.get(filesContext), callerOf(auth), params.id)),
  { params: fileParams },
);
