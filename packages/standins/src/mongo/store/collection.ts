import { UUID, type Document } from 'bson';
import { hasString } from '../collation/fold';
import { parseCollation, type Collation } from '../collation/spec';
import { CommandError } from '../errors';
import { compileFilter } from '../query';
import { compileText } from '../text/search';
import { duplicateKey, ID_INDEX, Index, type IndexSpec } from './indexes';
import { equalityValue, keyOf, pathValues } from './keys';

/**
 * One collection: documents in natural (insertion) order keyed by their `_id`, plus indexes.
 * Stored documents are never mutated in place, so cursors may hold references safely.
 */
export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes: Index[] = [];

  constructor(
    readonly db: string,
    public name: string,
    readonly options: Document,
    private readonly notify: (c: Collection) => void,
    readonly uuid = new UUID(),
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  private get uniques(): Index[] {
    return this.indexes.filter((i) => i.unique);
  }

  /** Inserts a document that already has an `_id`; throws E11000 on any unique conflict. */
  insert(doc: Document): void {
    const id = keyOf([doc._id]);
    if (this.docs.has(id)) throw duplicateKey(this.ns, ID_INDEX, { _id: doc._id });
    const planned = this.uniques.map((ix) => [ix, ix.entriesOf(doc)] as const);
    for (const [ix, entries] of planned) ix.check(entries, id, this.ns);
    for (const [ix, entries] of planned) ix.add(entries, id);
    this.docs.set(id, doc);
    this.notify(this);
  }

  /** Swaps a stored document for its updated version (same `_id`), keeping unique indexes exact. */
  replace(old: Document, doc: Document): void {
    const id = keyOf([old._id]);
    const planned = this.uniques.map((ix) => [ix, ix.entriesOf(old), ix.entriesOf(doc)] as const);
    for (const [ix, , next] of planned) ix.check(next, id, this.ns);
    for (const [ix, prev, next] of planned) {
      ix.remove(prev, id);
      ix.add(next, id);
    }
    this.docs.set(id, doc);
    this.notify(this);
  }

  remove(doc: Document): void {
    const id = keyOf([doc._id]);
    for (const ix of this.uniques) ix.remove(ix.entriesOf(doc), id);
    this.docs.delete(id);
    this.notify(this);
  }

  clear(): void {
    this.docs.clear();
    for (const ix of this.indexes) ix.entries.clear();
    this.notify(this);
  }

  /** The collation a command runs with: its own `collation` option, else the collection's default. */
  collationOf(raw: unknown): Collation | undefined {
    return parseCollation(raw === undefined ? this.options.collation : raw);
  }

  /** Documents matching `filter`, in natural order; `_id` and unique-index equalities are hash lookups. */
  find(filter: Document = {}, collation?: Collation): Document[] {
    return this.search(filter, collation).docs;
  }

  /** Like {@link find}; a `$text` filter also gives each document's text score. */
  search(filter: Document = {}, collation?: Collation): { docs: Document[]; scores?: Map<Document, number> } {
    const { $text, ...rest } = filter;
    const test = compileFilter(rest, collation);
    const docs = this.candidates(rest, collation).filter(test);
    if ($text === undefined) return { docs };
    const ix = this.indexes.find((i) => i.text);
    if (!ix) throw new CommandError('IndexNotFound', 'text index required for $text query');
    const score = compileText($text, ix.spec);
    const scores = new Map<Document, number>();
    for (const doc of docs) {
      const s = score(doc);
      if (s !== undefined) scores.set(doc, s);
    }
    return { docs: docs.filter((d) => scores.has(d)), scores };
  }

  private candidates(filter: Document, collation: Collation | undefined): Document[] {
    const byId = (keys: string[]): Document[] =>
      keys.map((k) => this.docs.get(k)).filter((d): d is Document => d !== undefined);
    // The _id index compares binary: it serves a collated query only for values without strings.
    const binary = (v: unknown): boolean => !collation || !hasString(v);
    const idEq = equalityValue(filter._id);
    if (idEq && binary(idEq.value)) return byId([keyOf([idEq.value])]);
    const idIn = filter._id?.$in;
    if (Array.isArray(idIn) && Object.keys(filter._id).length === 1 && idIn.every((v) => equalityValue(v) && binary(v))) {
      return byId([...new Set(idIn.map((v) => keyOf([v])))]);
    }
    for (const ix of this.uniques) {
      if (ix.fields.length !== 1 || ix.spec.partialFilterExpression) continue;
      const eq = equalityValue(filter[ix.fields[0]!]);
      if (!eq || !ix.serves(eq.value, collation)) continue;
      const owner = ix.entries.get(ix.keyFor([eq.value]));
      return owner === undefined ? [] : byId([owner]);
    }
    return [...this.docs.values()];
  }

  /** Adds an index, building its entries; throws E11000 (and adds nothing) on existing duplicates. */
  createIndex(spec: IndexSpec): void {
    const ix = new Index(spec);
    if (ix.unique) {
      for (const [id, doc] of this.docs) {
        const entries = ix.entriesOf(doc);
        ix.check(entries, id, this.ns);
        ix.add(entries, id);
      }
    }
    this.indexes.push(ix);
    this.notify(this);
  }

  dropIndex(name: string): void {
    const i = this.indexes.findIndex((ix) => ix.spec.name === name);
    if (i < 0) throw new CommandError('IndexNotFound', `index not found with name [${name}]`);
    this.indexes.splice(i, 1);
    this.notify(this);
  }

  /** Every index spec, `_id_` first, as `listIndexes` reports them. */
  specs(): IndexSpec[] {
    return [ID_INDEX, ...this.indexes.map((ix) => ix.spec)];
  }

  /** TTL pass: removes documents whose indexed date (earliest, for arrays) plus expireAfterSeconds has passed. */
  expire(now: number): number {
    let removed = 0;
    for (const ix of this.indexes) {
      const ttl = ix.spec.expireAfterSeconds;
      if (typeof ttl !== 'number' || ix.fields.length !== 1) continue;
      for (const doc of [...this.docs.values()]) {
        const dates = pathValues(doc, ix.fields[0]!).filter((v): v is Date => v instanceof Date);
        if (dates.length && Math.min(...dates.map((d) => d.getTime())) + ttl * 1000 <= now) {
          this.remove(doc);
          removed++;
        }
      }
    }
    return removed;
  }

  /** Marks the collection as changed (e.g. after collMod) so it is persisted. */
  touch(): void {
    this.notify(this);
  }
}
