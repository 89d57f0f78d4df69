import { listFiles } from '@nocturnal/core/files/list-files';
import { filesContext } from '../clients/files';
import { reply } from '../openapi/reply';
import { route } from '../route';
import { callerOf } from '../caller';
import { filePage, listFilesQuery } from './schemas';

/** `GET /api/v1/files?limit=&cursor=&status=` → 200 `{items, nextCursor}` (own files, newest first). */
export const handler = route(
  'files-list',
  async ({ runtime, auth, query }) => reply(filePage, 200, await listFiles(await runtime.get(filesContext), callerOf(auth), query)),
  { query: listFilesQuery },
);
