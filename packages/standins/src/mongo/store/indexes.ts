import type { Document } from 'bson';
import { CommandError } from '../errors';
import { compileFilter, type Predicate } from '../query';
import { formatKey, keyOf, pathValues } from './keys';

/** An index as listed by `listIndexes` (`v`, `key`, `name` and the options it was created with). */
export interface IndexSpec extends Document {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** One computed index entry: its hash key and the field values it was built from. */
export interface IndexEntry {
  key: string;
  keyValue: Document;
}

/**
 * A secondary index. Only unique indexes keep entries (a hash map from key to document id),
 * which is what enforces uniqueness and serves equality lookups; others are metadata.
 */
export class Index {
  readonly fields: string[];
  readonly entries = new Map<string, string>();
  private readonly partial?: Predicate;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  /** Entries for `doc` (several when a field holds an array); empty when sparse/partial skip it. */
  entriesOf(doc: Document): IndexEntry[] {
    if (this.partial && !this.partial(doc)) return [];
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && perField.every((vs) => vs.every((v) => v === undefined))) return [];
    let tuples: unknown[][] = [[]];
    for (const values of perField) tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
    const seen = new Map<string, IndexEntry>();
    for (const t of tuples) {
      const key = keyOf(t);
      const keyValue: Document = {};
      this.fields.forEach((f, i) => (keyValue[f] = t[i] ?? null));
      seen.set(key, { key, keyValue });
    }
    return [...seen.values()];
  }

  /** Throws E11000 if any entry of a document with id `docKey` is owned by another document. */
  check(entries: IndexEntry[], docKey: string, ns: string): void {
    for (const e of entries) {
      const owner = this.entries.get(e.key);
      if (owner !== undefined && owner !== docKey) throw duplicateKey(ns, this.spec, e.keyValue);
    }
  }

  add(entries: IndexEntry[], docKey: string): void {
    for (const e of entries) this.entries.set(e.key, docKey);
  }

  remove(entries: IndexEntry[], docKey: string): void {
    for (const e of entries) if (this.entries.get(e.key) === docKey) this.entries.delete(e.key);
  }
}

/** The E11000 error MongoDB raises, with `keyPattern` and `keyValue` as the driver exposes them. */
export function duplicateKey(ns: string, spec: IndexSpec, keyValue: Document): CommandError {
  const msg = `E11000 duplicate key error collection: ${ns} index: ${spec.name} dup key: ${formatKey(keyValue)}`;
  return new CommandError('DuplicateKey', msg, { keyPattern: spec.key, keyValue });
}
