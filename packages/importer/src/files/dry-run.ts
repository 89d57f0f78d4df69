import type { FileRecord, FileRepository, ObjectStore } from '@nocturnal/core/files/types';

/**
 * A files repository for dry runs: reads go to the real one, writes stay in
 * memory, and `usage` adds what this run would have written. So a dry run
 * goes through the API's own `createUpload` (types, sizes, quota) and writes
 * nothing.
 *
 * @example
 * const ctx = { ...filesCtx, files: dryRunFiles(filesCtx.files), objects: dryRunObjects() };
 */
export function dryRunFiles(real: FileRepository): FileRepository {
  const planned = new Map<string, FileRecord>();
  return {
    ...real,
    insert: async (record) => void planned.set(record.id, record),
    findById: async (id) => planned.get(id) ?? real.findById(id),
    usage: async (ownerId) => {
      let bytes = await real.usage(ownerId);
      for (const r of planned.values()) if (r.ownerId === ownerId) bytes += r.size;
      return bytes;
    },
    delete: async (id) => planned.delete(id),
  };
}

/** An object store for dry runs: presigning is local and nothing is sent. */
export function dryRunObjects(): ObjectStore {
  return {
    presignPut: async () => 'dry-run:',
    presignGet: async () => 'dry-run:',
    head: async () => null,
    delete: async () => {},
  };
}
