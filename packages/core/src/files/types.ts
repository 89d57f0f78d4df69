import type { NewestFirstPosition } from '../pagination/keyset';

export const FILE_STATUSES = ['pending', 'ready', 'rejected'] as const;
/** `pending` until the upload is verified; then `ready`, or `rejected` (object deleted). */
export type FileStatus = (typeof FILE_STATUSES)[number];

/** A file as stored. The object key never holds the filename: `users/{ownerId}/{id}`. */
export interface FileRecord {
  id: string;
  ownerId: string;
  key: string;
  /** The sanitised original name: metadata only, never part of a key or path. */
  filename: string;
  /** Normalised (lower-case type, trimmed); the presigned PUT signs exactly this. */
  contentType: string;
  /** Declared size in bytes; the presigned PUT signs it as `Content-Length`. */
  size: number;
  status: FileStatus;
  createdAt: Date;
  updatedAt: Date;
  /** When the presigned PUT stops working. */
  uploadExpiresAt: Date;
  /** When the file became `ready` or `rejected`. */
  completedAt: Date | null;
}

/** What the API shows of a file. */
export interface PublicFile {
  id: string;
  ownerId: string;
  filename: string;
  contentType: string;
  size: number;
  status: FileStatus;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** Who is asking (owner-scoped access is shared by every resource: `access/caller.ts`). */
export type { Caller } from '../access/caller';

/** Newest first: `createdAt` descending, then id descending (the shared keyset: `pagination/keyset.ts`). */
export type FilePosition = NewestFirstPosition;

/**
 * File-record storage port. Adapters: `files.mongo.ts`.
 *
 * @example
 * const file = await files.findById(id); // null for unknown or malformed ids
 */
export interface FileRepository {
  /** A fresh id in this store's format. */
  newId(): string;
  /** Whether `id` has the shape of an id of this store (malformed ids are never found). */
  isId(id: string): boolean;
  insert(record: FileRecord): Promise<void>;
  findById(id: string): Promise<FileRecord | null>;
  /**
   * Atomically sets `status` (and `completedAt`, `updatedAt`) when the file is
   * currently in one of `from`; `null` when it was not (someone else won).
   */
  transition(id: string, from: readonly FileStatus[], to: FileStatus, now: Date): Promise<FileRecord | null>;
  /** An owner's files, newest first, strictly after `after`. */
  listByOwner(opts: { ownerId: string; status?: FileStatus; limit: number; after?: FilePosition }): Promise<FileRecord[]>;
  /** Bytes an owner holds or has reserved: `pending` and `ready` files. */
  usage(ownerId: string): Promise<number>;
  /** Deletes the record, only while its status is one of `statuses` when given. */
  delete(id: string, statuses?: readonly FileStatus[]): Promise<boolean>;
  /** `pending` files created before `before`, oldest first. */
  findPendingBefore(before: Date, limit: number): Promise<FileRecord[]>;
}

/** A presigned request the client sends itself, straight to the bucket. */
export interface PresignedRequest {
  method: 'PUT' | 'GET';
  url: string;
  /** Headers the client must send exactly (they are signed). */
  headers: Record<string, string>;
  expiresAt: string;
}

/** What `HEAD` says about a stored object. */
export interface ObjectInfo {
  size: number;
  contentType: string | undefined;
}

/**
 * Object storage port. Adapters: `objects.s3.ts`.
 *
 * @example
 * const info = await objects.head('users/u1/f1'); // null when absent
 */
export interface ObjectStore {
  /** A PUT whose signature covers `Content-Type` and `Content-Length`. */
  presignPut(input: { key: string; contentType: string; size: number; signedAt: Date; expiresInSeconds: number }): Promise<string>;
  /** A GET that makes the bucket answer with this `Content-Disposition`. */
  presignGet(input: { key: string; contentDisposition: string; signedAt: Date; expiresInSeconds: number }): Promise<string>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Idempotent: deleting an absent object succeeds. */
  delete(key: string): Promise<void>;
}

/**
 * Strips what must not leave core (the object key).
 *
 * @example
 * return json(200, toPublicFile(file));
 */
export function toPublicFile(file: FileRecord): PublicFile {
  return {
    id: file.id,
    ownerId: file.ownerId,
    filename: file.filename,
    contentType: file.contentType,
    size: file.size,
    status: file.status,
    createdAt: file.createdAt.toISOString(),
    updatedAt: file.updatedAt.toISOString(),
    completedAt: file.completedAt ? file.completedAt.toISOString() : null,
  };
}
