import { apiDocument } from '../openapi/document';
import { anonymousRoute } from '../anonymous-route';

let body: string | undefined;

/** `GET /openapi.json` → the OpenAPI 3.1 document, generated from the route table and the zod schemas (once per process). */
export const handler = anonymousRoute('openapi', async () => ({
  status: 200,
  body: (body ??= JSON.stringify(apiDocument())),
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' },
}));
