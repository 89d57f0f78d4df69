/** Files: the public API of `@nocturnal/core/files`. */
export { loadOwnFile, loadReadableFile } from './access';
export { cleanupStalePending, type CleanupResult } from './cleanup-pending';
export { completeUpload } from './complete-upload';
export { asciiFallback, contentDisposition, encodeRfc8187 } from './content-disposition';
export { filesSettings, nowOf, type FilesContext, type FilesSettings } from './context';
export { createUpload, type CreatedUpload } from './create-upload';
export { deleteFile, deleteUserFiles } from './delete-file';
export { FILENAME_MAX_BYTES, sanitizeFilename } from './filename';
export { mongoFileRepository, type MongoFileRepository } from './files.mongo';
export { getFile, type FileWithDownload } from './get-file';
export { decodeEventKey, objectKey, parseObjectKey } from './keys';
export { listFiles, type FilePage } from './list-files';
export { handleObjectCreated, type ObjectCreatedOutcome } from './object-created';
export { s3ObjectStore } from './objects.s3';
export {
  FILE_STATUSES,
  toPublicFile,
  type Caller,
  type FileRecord,
  type FileRepository,
  type FileStatus,
  type ObjectInfo,
  type ObjectStore,
  type PresignedRequest,
  type PublicFile,
} from './types';
export { normaliseContentType, validateUpload, type UploadInput } from './validation';
export { verifyUpload } from './verify-upload';
