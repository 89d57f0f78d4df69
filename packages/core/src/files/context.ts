import { nowOf, type Clock } from '../clock';
import type { FileRepository, ObjectStore } from './types';

export interface FilesSettings {
  /** Media types (`type/subtype`, lower-case) a file may have. */
  allowedTypes: readonly string[];
  maxBytes: number;
  /** Total bytes of `pending` and `ready` files per user. */
  quotaBytes: number;
  uploadUrlTtlSeconds: number;
  downloadUrlTtlSeconds: number;
  /** `pending` files older than this are deleted by the cleanup job. */
  pendingMaxAgeHours: number;
}

/**
 * Everything the file use cases need, built once per process at the
 * composition root. `now` is injectable for tests (it also dates the
 * presigned URLs, so expiry is testable without sleeping).
 *
 * @example
 * const ctx: FilesContext = { files: mongoFileRepository(db), objects: s3ObjectStore({ s3, bucket }), settings };
 * await createUpload(ctx, caller, { filename: 'a.png', contentType: 'image/png', size: 1234 });
 */
export interface FilesContext {
  files: FileRepository;
  objects: ObjectStore;
  settings: FilesSettings;
  now?: Clock;
}

export { nowOf };

/**
 * The settings from the typed configuration.
 *
 * @example
 * const settings = filesSettings(loadConfig());
 */
export function filesSettings(config: {
  FILES_ALLOWED_TYPES: readonly string[];
  FILES_MAX_BYTES: number;
  FILES_QUOTA_BYTES: number;
  FILES_UPLOAD_URL_TTL_SECONDS: number;
  FILES_DOWNLOAD_URL_TTL_SECONDS: number;
  FILES_PENDING_MAX_AGE_HOURS: number;
}): FilesSettings {
  return {
    allowedTypes: config.FILES_ALLOWED_TYPES.map((t) => t.toLowerCase()),
    maxBytes: config.FILES_MAX_BYTES,
    quotaBytes: config.FILES_QUOTA_BYTES,
    uploadUrlTtlSeconds: config.FILES_UPLOAD_URL_TTL_SECONDS,
    downloadUrlTtlSeconds: config.FILES_DOWNLOAD_URL_TTL_SECONDS,
    pendingMaxAgeHours: config.FILES_PENDING_MAX_AGE_HOURS,
  };
}
