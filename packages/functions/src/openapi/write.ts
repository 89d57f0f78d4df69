/**
 * `npm run openapi`: writes the OpenAPI document, its TypeScript types and the
 * docs page's vendored assets. Tests fail when a committed copy is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VENDORED, renderAssetModule } from '../docs/assets/vendor';
import { documentFiles } from './generate';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const files = await documentFiles();
for (const { file, module } of VENDORED) files[`packages/functions/src/docs/assets/${module}`] = renderAssetModule(file);
for (const [path, text] of Object.entries(files)) {
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path} (${Buffer.byteLength(text)} bytes)`);
}
