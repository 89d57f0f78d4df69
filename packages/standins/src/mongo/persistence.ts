import { mkdir, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { serialize, type Document } from 'bson';
import { decode } from './wire';
import type { Catalog } from './store/catalog';
import type { IndexSpec } from './store/indexes';

/**
 * Snapshots each changed collection to `<dir>/<db>/<collection>.bson`: a header document
 * (`{name, options, indexes}`) followed by the documents, mongodump-style. Files are written
 * to a temporary name, fsynced, then renamed, so a crash leaves the old or the new file.
 */
export class Persistence {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly writes = new Map<string, Promise<void>>();
  private seq = 0;

  constructor(
    private readonly dir: string,
    private readonly store: Catalog,
    private readonly debounceMs = 100,
  ) {}

  /** Records a change; the snapshot is written after `debounceMs` of quiet or on flush(). */
  changed(db: string, coll: string): void {
    this.dirty.add(`${db}\0${coll}`);
    this.timer ??= setTimeout(() => {
      this.flush().catch((err: unknown) => process.emitWarning(`mongo stand-in: snapshot failed: ${String(err)}`));
    }, this.debounceMs);
  }

  /** Writes every pending snapshot and waits until all writes (including earlier ones) are done. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const key of this.dirty) {
      const [db, name] = key.split('\0') as [string, string];
      // Serialised synchronously, so the snapshot is one consistent state.
      const coll = this.store.get(db, name);
      const data = coll
        ? Buffer.concat([
            serialize({ name, options: coll.options, indexes: coll.indexes.map((i) => i.spec) }),
            ...[...coll.docs.values()].map((d) => serialize(d, { ignoreUndefined: true })),
          ])
        : undefined;
      this.enqueue(this.fileOf(db, name), (file) => (data ? this.writeAtomic(file, data) : removeFile(file)));
    }
    this.dirty.clear();
    await Promise.all(this.writes.values());
  }

  /** Loads every snapshot under the directory into the (empty) catalog. */
  async load(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const dbDir of await readdir(this.dir, { withFileTypes: true })) {
      if (!dbDir.isDirectory()) continue;
      const db = decodeURIComponent(dbDir.name);
      for (const f of await readdir(path.join(this.dir, dbDir.name))) {
        const file = path.join(this.dir, dbDir.name, f);
        if (f.endsWith('.tmp')) await removeFile(file);
        if (!f.endsWith('.bson')) continue;
        const [header, ...docs] = readDocuments(await readFile(file), file);
        if (!header) continue;
        const coll = this.store.create(db, String(header.name), header.options ?? {});
        for (const spec of (header.indexes ?? []) as IndexSpec[]) coll.createIndex(spec);
        for (const doc of docs) coll.insert(doc);
      }
    }
    this.dirty.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fileOf(db: string, coll: string): string {
    const enc = (s: string): string => encodeURIComponent(s).replace(/^\./, '%2E');
    return path.join(this.dir, enc(db), `${enc(coll)}.bson`);
  }

  /** Chains writes per file so an older snapshot can never overwrite a newer one. */
  private enqueue(file: string, write: (file: string) => Promise<void>): void {
    const prev = this.writes.get(file) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(() => write(file));
    this.writes.set(file, next);
    void next.finally(() => this.writes.get(file) === next && this.writes.delete(file)).catch(() => {});
  }

  private async writeAtomic(file: string, data: Buffer): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${++this.seq}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  }
}

async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
  await rmdir(path.dirname(file)).catch(() => {}); // only succeeds once the database is empty
}

function readDocuments(buf: Buffer, file: string): Document[] {
  const docs: Document[] = [];
  for (let off = 0; off < buf.length; ) {
    const size = buf.readInt32LE(off);
    if (size < 5 || off + size > buf.length) throw new Error(`corrupt snapshot ${file} at byte ${off}`);
    docs.push(decode(buf.subarray(off, off + size)));
    off += size;
  }
  return docs;
}
