import type { Document } from 'bson';
import { CommandError } from '../errors';
import { Collection } from './collection';

/** Called whenever a collection's contents, indexes or existence change. */
export type ChangeListener = (db: string, coll: string) => void;

/** All databases and their collections, in memory. */
export class Catalog {
  readonly dbs = new Map<string, Map<string, Collection>>();

  constructor(private readonly onChange: ChangeListener = () => {}) {}

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created implicitly (as inserts, upserts and createIndexes do) when missing. */
  ensure(db: string, name: string, options: Document = {}): Collection {
    return this.get(db, name) ?? this.create(db, name, options);
  }

  create(db: string, name: string, options: Document = {}): Collection {
    validateName(db, name);
    if (this.get(db, name)) throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
    let colls = this.dbs.get(db);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    const coll = new Collection(db, name, options, (c) => this.onChange(c.db, c.name));
    colls.set(name, coll);
    this.onChange(db, name);
    return coll;
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  drop(db: string, name: string): boolean {
    const colls = this.dbs.get(db);
    if (!colls?.delete(name)) return false;
    if (colls.size === 0) this.dbs.delete(db);
    this.onChange(db, name);
    return true;
  }

  dropDatabase(db: string): void {
    for (const c of this.collections(db)) this.drop(db, c.name);
  }

  rename(db: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    const src = this.get(db, from);
    if (!src) throw new CommandError('NamespaceNotFound', `Source collection ${db}.${from} does not exist`);
    if (this.get(toDb, to)) {
      if (!dropTarget) throw new CommandError('NamespaceExists', `target namespace exists`);
      this.drop(toDb, to);
    }
    const dst = this.create(toDb, to, src.options);
    for (const ix of src.indexes) dst.createIndex(ix.spec);
    for (const doc of src.docs.values()) dst.insert(doc);
    this.drop(db, from);
  }

  /** Runs the TTL monitor over every collection that has a TTL index. */
  expire(now: number): void {
    for (const colls of this.dbs.values()) for (const c of colls.values()) c.expire(now);
  }
}

function validateName(db: string, name: string): void {
  if (!db || /[/\\. "$\0]/.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (!name || name.includes('$') || name.includes('\0') || name.startsWith('.')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: '${name}'`);
  }
}
