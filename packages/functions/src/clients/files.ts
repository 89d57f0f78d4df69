import { filesSettings, type FilesContext } from '@nocturnal/core/files/context';
import { mongoFileRepository } from '@nocturnal/core/files/files.mongo';
import { s3ObjectStore } from '@nocturnal/core/files/objects.s3';
import type { ObjectStore } from '@nocturnal/core/files/types';
import { defineClient } from '../runtime';
import { mongoClient } from './mongo';
import { bucketOf, s3Client } from './s3';

/**
 * The files context: the MongoDB repository and the S3 object store. Indexes
 * are ensured once per process, at init when warmed (a failure is retried by
 * the next request). The object store binds the bucket on first use, so
 * routes that never touch the bucket (the listing) need no bucket.
 */
export const filesContext = defineClient({
  name: 'files',
  resource: 'mongo',
  warm: true,
  create: async (runtime): Promise<FilesContext> => {
    const files = mongoFileRepository(runtime.get(mongoClient).db);
    const objects = lazyObjects(() => s3ObjectStore({ s3: runtime.get(s3Client), bucket: bucketOf(runtime) }));
    await files.ensureIndexes();
    return { files, objects, settings: filesSettings(runtime.config) };
  },
});

function lazyObjects(create: () => ObjectStore): ObjectStore {
  let store: ObjectStore | undefined;
  const get = () => (store ??= create());
  return {
    presignPut: (input) => get().presignPut(input),
    presignGet: (input) => get().presignGet(input),
    head: (key) => get().head(key),
    delete: (key) => get().delete(key),
  };
}
