import { anonymousRoute } from '../anonymous-route';
import { decodeAsset } from './assets/decode';
import { BROTLI_BASE64 } from './assets/swagger-ui-css.generated';

let css: string | undefined;

/** `GET /docs/swagger-ui.css` → swagger-ui.css (decoded once per process). */
export const handler = anonymousRoute('docs-style', async () => ({
  status: 200,
  body: (css ??= decodeAsset(BROTLI_BASE64)),
  headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' },
}));
