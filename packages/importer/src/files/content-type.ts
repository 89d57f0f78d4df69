import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileTypeFromFile } from 'file-type';

/** What the bytes of a file say it is, when nothing else does. */
export const UNKNOWN_TYPE = 'application/octet-stream';

const TEXT_SAMPLE_BYTES = 4096;

/**
 * Sniffs a file's content type from its bytes with `file-type` (magic
 * numbers: images, PDF, archives, executables, …). Text has no magic number,
 * so a file `file-type` does not know is `text/plain` when its first 4 KiB
 * are UTF-8 without control characters (`text/csv` when it is named `.csv`),
 * and `application/octet-stream` otherwise. The caller checks the answer
 * against `FILES_ALLOWED_TYPES` like any declared type.
 *
 * @example
 * await sniffContentType('/srv/uploads/ada@x.io/cat', 'cat'); // 'image/png'
 */
export async function sniffContentType(path: string, filename: string): Promise<string> {
  const detected = await fileTypeFromFile(path);
  if (detected) return detected.mime;
  const sample = await head(path);
  return looksLikeText(sample, sample.length === TEXT_SAMPLE_BYTES) ? (extname(filename).toLowerCase() === '.csv' ? 'text/csv' : 'text/plain') : UNKNOWN_TYPE;
}

/**
 * Whether bytes read as text: valid UTF-8 (a character cut by the end of a
 * `truncated` sample is fine) and no control characters but tab, line feed,
 * form feed and carriage return.
 *
 * @example
 * looksLikeText(new TextEncoder().encode('name,size\nada,3\n')); // true
 */
export function looksLikeText(bytes: Uint8Array, truncated = false): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

async function head(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
