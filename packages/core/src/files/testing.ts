/** Test helpers only: an in-memory object store and a files context on a real (stand-in) MongoDB. */
import { ObjectId, type Db } from 'mongodb';
import { AppError } from '../errors';
import type { FilesContext, FilesSettings } from './context';
import { createUpload } from './create-upload';
import { mongoFileRepository, type MongoFileRepository } from './files.mongo';
import type { Caller, FileRecord, ObjectInfo, ObjectStore } from './types';
import type { UploadInput } from './validation';

export interface MemoryObjectStore extends ObjectStore {
  objects: Map<string, ObjectInfo>;
  /** What a client's PUT would do. */
  put(key: string, info: ObjectInfo): void;
}

/** Presigned URLs are `memory://` URLs that record what was signed. */
export function memoryObjectStore(): MemoryObjectStore {
  const objects = new Map<string, ObjectInfo>();
  const url = (key: string, params: Record<string, string | number>) =>
    `memory://bucket/${key}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;
  return {
    objects,
    put: (key, info) => void objects.set(key, info),
    presignPut: async ({ key, contentType, size, signedAt, expiresInSeconds }) =>
      url(key, { contentType, size, signedAt: signedAt.toISOString(), expiresIn: expiresInSeconds }),
    presignGet: async ({ key, contentDisposition, signedAt, expiresInSeconds }) =>
      url(key, { contentDisposition, signedAt: signedAt.toISOString(), expiresIn: expiresInSeconds }),
    head: async (key) => objects.get(key) ?? null,
    delete: async (key) => void objects.delete(key),
  };
}

export interface TestFilesContext extends FilesContext {
  files: MongoFileRepository;
  objects: MemoryObjectStore;
  /** Moves the injected clock. */
  advance(seconds: number): void;
}

export const TEST_FILES_SETTINGS: FilesSettings = {
  allowedTypes: ['image/png', 'text/plain', 'application/pdf'],
  maxBytes: 1000,
  quotaBytes: 2500,
  uploadUrlTtlSeconds: 300,
  downloadUrlTtlSeconds: 60,
  pendingMaxAgeHours: 24,
};

export async function createTestFilesContext(db: Db, settings: Partial<FilesSettings> = {}): Promise<TestFilesContext> {
  const files = mongoFileRepository(db);
  await files.ensureIndexes();
  let now = Date.parse('2030-01-01T00:00:00Z');
  return {
    files,
    objects: memoryObjectStore(),
    settings: { ...TEST_FILES_SETTINGS, ...settings },
    now: () => now,
    advance: (seconds) => {
      now += seconds * 1000;
    },
  };
}


/** create → what the client's PUT stores (by default exactly what was declared). */
export async function uploadedFile(ctx: TestFilesContext, caller: Caller, input: UploadInput, stored?: ObjectInfo): Promise<FileRecord> {
  const { file } = await createUpload(ctx, caller, input);
  const record = (await ctx.files.findById(file.id))!;
  ctx.objects.put(record.key, stored ?? { size: input.size, contentType: input.contentType });
  return record;
}
