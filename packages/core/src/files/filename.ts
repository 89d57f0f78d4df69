/** The longest stored filename, in UTF-8 bytes (what most file systems accept). */
export const FILENAME_MAX_BYTES = 255;
/** Longer extensions are not kept when a name is shortened. */
const EXTENSION_MAX_CHARS = 16;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0/C1 controls, line/paragraph separators and the bidi overrides that disguise extensions. */
const INVISIBLE = /[\p{Cc}\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Makes a client-supplied filename safe to store and to serve back: NFC,
 * no controls or bidi overrides (`"evil\u202Egnp.exe"`), no path separators
 * (`../x` → `.._x`), no lone surrogates, at most 255 UTF-8 bytes (cut on
 * grapheme boundaries, keeping the extension). Never empty: `file` instead.
 * The name is metadata only: keys never contain it.
 *
 * @example
 * sanitizeFilename('../../etc/passwd'); // '.._.._etc_passwd'
 * sanitizeFilename(' résumé\n.pdf ');   // 'résumé.pdf'
 */
export function sanitizeFilename(raw: string): string {
  const name = raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[/\\]/g, '_')
    .trim();
  if (name === '' || /^\.+$/.test(name)) return 'file';
  return truncateUtf8(name, FILENAME_MAX_BYTES);
}

/**
 * Shortens `name` to `maxBytes` UTF-8 bytes on grapheme boundaries, keeping a short extension.
 *
 * @example
 * truncateUtf8('a'.repeat(300) + '.pdf', 255); // 251 × 'a' + '.pdf'
 */
export function truncateUtf8(name: string, maxBytes: number): string {
  if (bytes(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= EXTENSION_MAX_CHARS ? name.slice(dot) : '';
  const budget = maxBytes - bytes(ext);
  let out = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(ext ? name.slice(0, dot) : name)) {
    if (bytes(out) + bytes(segment) > budget) break;
    out += segment;
  }
  return out.trimEnd() + ext;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
