import { deleteFile } from '@nocturnal/core/files/delete-file';
import { getFilesContext } from '../clients/files';
import { route } from '../http';
import { callerOf } from './caller';
import { fileParams } from './schemas';

/** `DELETE /api/v1/files/{id}` → 204 (object and record); 404. */
export const handler = route(
  'files-delete',
  async ({ auth, params }) => {
    await deleteFile(await getFilesContext(), callerOf(auth), params.id);
    return { status: 204 };
  },
  { params: fileParams },
);
