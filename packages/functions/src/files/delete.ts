import { deleteFile } from '@nocturnal/core/files/delete-file';
import { filesContext } from '../clients/files';
import { route } from '../route';
import { callerOf } from '../caller';
import { fileParams } from './schemas';

/** `DELETE /api/v1/files/{id}` → 204 (object and record); 404. */
export const handler = route(
  'files-delete',
  async ({ runtime, auth, params }) => {
    await deleteFile(await runtime.get(filesContext), callerOf(auth), params.id);
    return { status: 204 };
  },
  { params: fileParams },
);
