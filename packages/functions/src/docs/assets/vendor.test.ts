import { describe, expect, it } from 'vitest';
import { decodeAsset } from './decode';
import * as css from './swagger-ui-css.generated';
import * as js from './swagger-ui-js.generated';
import { VENDORED, installedAsset } from './vendor';

const modules: Record<string, { SOURCE: { version: string; file: string }; BROTLI_BASE64: string }> = {
  'swagger-ui-js.generated.ts': js,
  'swagger-ui-css.generated.ts': css,
};

describe('the vendored docs assets', () => {
  it.each(VENDORED)('$module holds $file of the installed swagger-ui-dist, byte for byte', ({ file, module }) => {
    const installed = installedAsset(file);
    const generated = modules[module]!;
    expect(generated.SOURCE, `${module} is stale: run npm run openapi`).toEqual({ package: 'swagger-ui-dist', version: installed.version, file });
    expect(decodeAsset(generated.BROTLI_BASE64) === installed.text, `${module} is stale: run npm run openapi`).toBe(true);
  });
});
