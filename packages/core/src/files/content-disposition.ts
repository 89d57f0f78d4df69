import { sanitizeFilename } from './filename';

/**
 * `Content-Disposition: attachment` for a download, per RFC 6266: a quoted
 * ASCII `filename` for old clients (accents stripped, anything else that is
 * not printable ASCII, and `"`, `\`, `%`, replaced by `_`) and the exact name
 * in `filename*` (RFC 8187, UTF-8, percent-encoded). The value is pure ASCII,
 * so it is safe in a header and in a presigned URL's query string.
 *
 * @example
 * contentDisposition('naïve "plan".pdf');
 * // attachment; filename="naive _plan_.pdf"; filename*=UTF-8''na%C3%AFve%20%22plan%22.pdf
 */
export function contentDisposition(filename: string): string {
  const name = sanitizeFilename(filename);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/**
 * The `filename` fallback: printable ASCII without quote, backslash or percent.
 *
 * @example
 * asciiFallback('Ünïcode "100%".txt'); // 'Unicode _100__.txt'
 */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return ascii.trim() === '' ? 'download' : ascii;
}

/**
 * Percent-encodes everything outside RFC 8187's `attr-char`.
 *
 * @example
 * encodeRfc8187("it's é.txt"); // 'it%27s%20%C3%A9.txt'
 */
export function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
