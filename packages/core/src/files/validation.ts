import { AppError } from '../errors';
import type { FilesSettings } from './context';
import { sanitizeFilename } from './filename';

export interface UploadInput {
  filename: string;
  contentType: string;
  size: number;
}

const TOKEN = "[a-z0-9!#$&^_.+-]+";
const MEDIA_TYPE = new RegExp(`^(${TOKEN}/${TOKEN})((?:\\s*;\\s*${TOKEN}=(?:${TOKEN}|"[^"\\\\\\r\\n;]*"))*)\\s*$`, 'i');

/**
 * `Text/Plain ; charset=UTF-8` → `text/plain; charset=UTF-8`: the type in
 * lower case, parameters kept (the client must send this exact header, it is
 * signed). `null` for anything that is not a media type.
 *
 * @example
 * normaliseContentType(' IMAGE/PNG '); // 'image/png'
 */
export function normaliseContentType(raw: string): string | null {
  const m = MEDIA_TYPE.exec(raw.trim());
  if (!m) return null;
  const params = (m[2] ?? '').split(';').map((p) => p.trim()).filter(Boolean);
  return [m[1]!.toLowerCase(), ...params.map((p) => p.replace(/\s*=\s*/, '='))].join('; ');
}

/**
 * The `type/subtype` part of a normalised content type.
 *
 * @example
 * essenceOf('text/plain; charset=utf-8'); // 'text/plain'
 */
export function essenceOf(contentType: string): string {
  return contentType.split(';')[0]!.trim();
}

/**
 * Checks a declared upload against the settings and returns it normalised:
 * a type not in the allow-list → `FILE_TYPE_NOT_ALLOWED` (415), over the
 * maximum → `FILE_TOO_LARGE` (413), an empty or fractional size → `INVALID_FILE_SIZE`.
 *
 * @example
 * validateUpload(settings, { filename: '../a.png', contentType: 'IMAGE/PNG', size: 10 });
 * // { filename: '.._a.png', contentType: 'image/png', size: 10 }
 */
export function validateUpload(settings: Pick<FilesSettings, 'allowedTypes' | 'maxBytes'>, input: UploadInput): UploadInput {
  const contentType = normaliseContentType(input.contentType);
  if (!contentType || !settings.allowedTypes.includes(essenceOf(contentType))) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', `Allowed types: ${settings.allowedTypes.join(', ')}`, {
      extensions: { allowedTypes: settings.allowedTypes },
    });
  }
  if (!Number.isSafeInteger(input.size) || input.size < 1) {
    throw new AppError('INVALID_FILE_SIZE', 'must be a whole number of bytes, at least 1');
  }
  if (input.size > settings.maxBytes) {
    throw new AppError('FILE_TOO_LARGE', `Files may be at most ${settings.maxBytes} bytes`, {
      extensions: { maxBytes: settings.maxBytes },
    });
  }
  return { filename: sanitizeFilename(input.filename), contentType, size: input.size };
}
