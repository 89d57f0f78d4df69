import { filesSettings, type FilesContext } from '@nocturnal/core/files/context';
import { mongoFileRepository } from '@nocturnal/core/files/files.mongo';
import { s3ObjectStore } from '@nocturnal/core/files/objects.s3';
import type { ObjectStore } from '@nocturnal/core/files/types';
import { getDeps, onClose } from '../deps';
import { getMongo } from './mongo';
import { getBucket, getS3 } from './s3';

let ready: Promise<FilesContext> | undefined;

/**
 * The process-wide files context: the MongoDB repository and the S3 object
 * store. Indexes are ensured once per process on first use (a failure is
 * retried by the next request). The object store binds the bucket on first
 * use, so routes that never touch the bucket (the listing) need no bucket.
 */
export function getFilesContext(): Promise<FilesContext> {
  if (ready) return ready;
  const { config } = getDeps();
  const files = mongoFileRepository(getMongo().db);
  const objects = lazyObjects(() => s3ObjectStore({ s3: getS3(), bucket: getBucket() }));
  const ctx: FilesContext = { files, objects, settings: filesSettings(config) };
  const pending = files.ensureIndexes().then(() => ctx);
  ready = pending;
  pending.catch(() => {
    if (ready === pending) ready = undefined;
  });
  onClose(() => {
    ready = undefined;
  });
  return pending;
}

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

