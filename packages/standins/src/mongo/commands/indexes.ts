import type { Document } from 'bson';
import { isEqual } from 'mingo/util';
import { CommandError } from '../errors';
import { parseCollation } from '../collation/spec';
import type { IndexSpec } from '../store/indexes';
import { collectionName, cursorReply, dbOf, type Handler } from './context';

const IGNORED_OPTIONS = new Set(['background', 'v']);

/** The spec as the server stores it; `defaultCollation` is the collection's. */
function normalise(raw: Document, defaultCollation: unknown): IndexSpec {
  if (!raw || typeof raw.key !== 'object' || Object.keys(raw.key).length === 0) {
    throw new CommandError('BadValue', 'Index key pattern must be a non-empty object');
  }
  if (typeof raw.name !== 'string' || !raw.name) throw new CommandError('BadValue', 'index name must be a non-empty string');
  const spec: IndexSpec = { v: 2, key: raw.key, name: raw.name };
  for (const [k, v] of Object.entries(raw)) if (!(k in spec) && !IGNORED_OPTIONS.has(k)) spec[k] = v;
  const collation = parseCollation(raw.collation ?? defaultCollation);
  if (collation) spec.collation = collation;
  else delete spec.collation;
  return Object.values(raw.key).includes('text') ? textSpec(spec) : spec;
}

/** A text index as MongoDB lists it: key `{_fts: 'text', _ftsx: 1}` plus weights and language. */
function textSpec(spec: IndexSpec): IndexSpec {
  const key: Document = {};
  const weights: Document = {};
  for (const [field, kind] of Object.entries(spec.key)) {
    if (kind !== 'text') key[field] = kind;
    else {
      weights[field] = spec.weights?.[field] ?? 1;
      if (!('_fts' in key)) Object.assign(key, { _fts: 'text', _ftsx: 1 });
    }
  }
  if (spec.collation) throw new CommandError('CannotCreateIndex', "Index type 'text' does not support collation: " + JSON.stringify(spec.collation));
  const { v, name, key: _typed, weights: given, ...rest } = spec;
  return {
    v,
    key,
    name,
    ...rest,
    weights: { ...weights, ...given },
    default_language: spec.default_language ?? 'english',
    language_override: spec.language_override ?? 'language',
    textIndexVersion: 3,
  };
}

/** Key patterns are ordered: {a: 1, b: 1} and {b: 1, a: 1} are different indexes. */
const sameKey = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameOptions = (a: IndexSpec, b: IndexSpec): boolean => isEqual({ ...a, v: 2 }, { ...b, v: 2 });

const createIndexes: Handler = (cmd, ctx) => {
  const [db, name] = [dbOf(cmd), collectionName(cmd)];
  const existed = ctx.store.get(db, name) !== undefined;
  const coll = ctx.store.ensure(db, name);
  const specs = (Array.isArray(cmd.indexes) ? cmd.indexes : []).map((raw: Document) => normalise(raw, coll.options.collation));
  const before = coll.specs().length;
  for (const spec of specs) {
    const current = coll.specs();
    const byName = current.find((s) => s.name === spec.name);
    const byKey = current.find((s) => sameKey(s.key, spec.key));
    if (byName && !sameKey(byName.key, spec.key)) {
      throw new CommandError('IndexKeySpecsConflict', `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName)}`);
    }
    if (byKey && byKey.name !== spec.name) {
      throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${byKey.name}`);
    }
    if (byName) {
      if (!sameOptions(byName, spec) && spec.name !== '_id_') {
        throw new CommandError('IndexOptionsConflict', `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName)}`);
      }
      continue;
    }
    coll.createIndex(spec);
  }
  const after = coll.specs().length;
  return {
    numIndexesBefore: before,
    numIndexesAfter: after,
    ...(before === after ? { note: 'all indexes already exist' } : {}),
    createdCollectionAutomatically: !existed,
    ok: 1,
  };
};

const listIndexes: Handler = (cmd, ctx) => {
  const [db, name] = [dbOf(cmd), collectionName(cmd)];
  const coll = ctx.store.get(db, name);
  if (!coll) throw new CommandError('NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  return cursorReply(ctx.cursors.first(`${db}.${name}`, coll.specs(), cmd.cursor?.batchSize));
};

const dropIndexes: Handler = (cmd, ctx) => {
  const [db, name] = [dbOf(cmd), collectionName(cmd)];
  const coll = ctx.store.get(db, name);
  if (!coll) throw new CommandError('NamespaceNotFound', `ns not found ${db}.${name}`);
  const nIndexesWas = coll.specs().length;
  const which = cmd.index;
  let names: string[];
  if (which === '*') names = coll.indexes.map((i) => i.spec.name);
  else if (Array.isArray(which)) names = which.map(String);
  else if (typeof which === 'string') names = [which];
  else {
    const found = coll.specs().find((s) => sameKey(s.key, which));
    if (!found) throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(which)}`);
    names = [found.name];
  }
  if (names.includes('_id_')) throw new CommandError('InvalidOptions', 'cannot drop _id index');
  for (const n of names) if (!coll.specs().some((s) => s.name === n)) throw new CommandError('IndexNotFound', `index not found with name [${n}]`);
  for (const n of names) coll.dropIndex(n);
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, Handler> = {
  createIndexes,
  createindexes: createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
