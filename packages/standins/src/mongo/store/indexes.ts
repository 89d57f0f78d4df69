import type { Document } from 'bson';
import { foldValue, hasString } from '../collation/fold';
import { parseCollation, sameCollation, type Collation } from '../collation/spec';
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
  /** Expanded, as `listIndexes` shows it; absent for the simple collation. */
  collation?: Document;
  /** Text indexes: the indexed fields and their weights (the key is `{_fts: 'text', _ftsx: 1}`). */
  weights?: Document;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** One computed index entry: its hash key and the field values it was built from. */
export interface IndexEntry {
  key: string;
  keyValue: Document;
}

/**
 * A secondary index. Only unique indexes keep entries (a hash map from key to document id),
 * which is what enforces uniqueness and serves equality lookups; others are metadata. With a
 * collation, strings are hashed by their collation key, so `A` and `a` collide at strength 2.
 */
export class Index {
  readonly fields: string[];
  readonly entries = new Map<string, string>();
  readonly collation?: Collation;
  private readonly partial?: Predicate;

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.collation = parseCollation(spec.collation);
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression, this.collation);
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  get text(): boolean {
    return this.spec.key._fts === 'text';
  }

  /** The hash key of a tuple of field values, under the index's collation. */
  keyFor(values: unknown[]): string {
    return keyOf(this.collation ? values.map((v) => foldValue(v, this.collation!)) : values);
  }

  /** Whether an equality on `value` under `collation` may be answered from this index's entries. */
  serves(value: unknown, collation: Collation | undefined): boolean {
    return !collation || !hasString(value) || sameCollation(this.collation, collation);
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
      const key = this.keyFor(t);
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
