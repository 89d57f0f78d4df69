import { ObjectId, serialize, type Document } from 'bson';
import { updateOne } from 'mingo';
import { updateOne as updateWithContext } from 'mingo/updater';
import { isEqual } from 'mingo/util';
import { collatedContext } from './collation/query';
import type { Collation } from './collation/spec';
import { CommandError } from './errors';
import { cloneDoc, isPlain, MINGO } from './query';
import { applyPipeline, idAltered } from './update-pipeline';

/** An update as the `update`/`findAndModify` commands carry it: operators, a replacement, or a pipeline. */
export type UpdateSpec = Document | Document[];

export interface UpdateOptions {
  filter?: Document;
  arrayFilters?: Document[];
  collation?: Collation;
  /** The statement's `c` (or the command's `let`): variables for pipeline updates. */
  variables?: Document;
}

export const isReplacement = (u: UpdateSpec): boolean =>
  !Array.isArray(u) && Object.keys(u).every((k) => !k.startsWith('$'));

const same = (a: Document, b: Document): boolean =>
  Buffer.from(serialize(a, { ignoreUndefined: true })).equals(serialize(b, { ignoreUndefined: true }));

/** Applies an update to a copy of `doc`; the stored original is left untouched. */
export function applyUpdate(doc: Document, u: UpdateSpec, o: UpdateOptions = {}, inserting = false): { doc: Document; modified: boolean } {
  let next: Document;
  if (Array.isArray(u)) {
    next = applyPipeline(doc, u, { collation: o.collation, variables: o.variables, inserting });
  } else if (isReplacement(u)) {
    const { _id, ...rest } = u as Document;
    if (_id !== undefined && !isEqual(_id, doc._id)) throw idAltered(_id);
    next = { _id: doc._id, ...rest };
  } else {
    const work = [cloneDoc(doc)];
    checkArithmetic(doc, u);
    const { $setOnInsert, ...ops } = u;
    const modifier: Document = inserting && $setOnInsert ? { ...ops, $set: { ...ops.$set, ...$setOnInsert } } : ops;
    if (Object.keys(modifier).length > 0) {
      // mingo matches the filter again (for the positional `$`): with the statement's collation.
      const filter = inserting ? {} : (o.filter ?? {});
      if (o.collation) updateWithContext(work, filter, modifier, { arrayFilters: o.arrayFilters }, { ...MINGO, context: collatedContext(o.collation) });
      else updateOne(work, filter, modifier, { arrayFilters: o.arrayFilters }, MINGO);
    }
    next = work[0]!;
    if (!inserting && !isEqual(next._id, doc._id)) throw immutableId();
  }
  return { doc: next, modified: !same(doc, next) };
}

/** mingo skips $inc/$mul on non-numbers silently; MongoDB fails the update. */
function checkArithmetic(doc: Document, u: Document): void {
  for (const op of ['$inc', '$mul'] as const) {
    for (const [path, by] of Object.entries(u[op] ?? {})) {
      if (typeof by !== 'number') throw new CommandError('TypeMismatch', `Cannot ${op.slice(1)} with non-numeric argument: {${path}: ${String(by)}}`);
      if (path.includes('$')) continue;
      const current = path.split('.').reduce<unknown>((v, k) => (isPlain(v) ? v[k] : undefined), doc);
      if (current !== undefined && typeof current !== 'number') {
        throw new CommandError('TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${current === null ? 'null' : typeof current}`);
      }
    }
  }
}

const immutableId = (): CommandError =>
  new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");

/** The document an upsert inserts: the filter's equality fields, then the update, `_id` first. */
export function upsertDocument(filter: Document, u: UpdateSpec, o: UpdateOptions = {}): Document {
  const seed: Document = {};
  collectEqualities(filter, seed);
  let doc: Document;
  if (isReplacement(u)) {
    doc = { ...(u as Document) };
    if (doc._id === undefined) doc._id = seed._id;
  } else {
    doc = applyUpdate(seed, u, o, true).doc;
  }
  // `_id: null` is a value like any other: only a missing _id is generated.
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}

function collectEqualities(filter: Document, out: Document): void {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) v.forEach((c) => isPlain(c) && collectEqualities(c, out));
    if (k.startsWith('$')) continue;
    if (isPlain(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
      if ('$eq' in v) setPath(out, k, v.$eq);
      continue;
    }
    setPath(out, k, cloneDoc(v));
  }
}

function setPath(obj: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!isPlain(cur[p])) cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]!] = value;
}
