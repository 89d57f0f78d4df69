import { brotliDecompressSync } from 'node:zlib';

/** A vendored asset's text from its generated module (see vendor.ts). */
export function decodeAsset(brotliBase64: string): string {
  return brotliDecompressSync(Buffer.from(brotliBase64, 'base64')).toString('utf8');
}
