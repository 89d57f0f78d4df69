import { anonymousRoute } from '../anonymous-route';
import { decodeAsset } from './assets/decode';
import { BROTLI_BASE64 } from './assets/swagger-ui-js.generated';
import { DOCS_INIT } from './page-html';

let script: string | undefined;

/** `GET /docs/swagger-ui.js` → swagger-ui-bundle.js, then the page's initialiser (decoded once per process). */
export const handler = anonymousRoute('docs-script', async () => ({
  status: 200,
  body: (script ??= decodeAsset(BROTLI_BASE64) + DOCS_INIT),
  headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' },
}));
