import type { Document } from 'bson';
import { Aggregator, ProcessingMode, Query } from 'mingo';
import { Aggregator as ContextAggregator } from 'mingo/aggregator';
import { Query as ContextQuery } from 'mingo/query';
import type { Options } from 'mingo/types';
import { collatedContext } from './collation/query';
import { forMingo, type Collation } from './collation/spec';
import { validateSchema } from './schema/json-schema';
import { isPlain } from './values';

/** Base mingo options: MongoDB semantics, no server-side JavaScript, our `$jsonSchema`. */
export const MINGO: Partial<Options> = {
  idKey: '_id',
  useStrictMode: true,
  scriptEnabled: false,
  jsonSchemaValidator: (schema) => (doc) => validateSchema(schema, doc).length === 0,
};

export type Predicate = (doc: Document) => boolean;

export { isPlain };

/** A mingo query; with a collation, its comparisons and sorts follow it. */
function queryOf(filter: Document, collation: Collation | undefined): Query {
  if (!collation) return new Query(filter, MINGO);
  return new ContextQuery(filter, { ...MINGO, collation: forMingo(collation), context: collatedContext(collation) });
}

/** Compiles a query filter into a predicate (an empty filter matches everything). */
export function compileFilter(filter: Document | undefined, collation?: Collation): Predicate {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  const q = queryOf(filter, collation);
  return (doc) => q.test(doc);
}

/** Sorts, skips, limits and projects already-filtered documents (limit 0 = no limit). */
export function shape(
  docs: Document[],
  o: { sort?: Document; skip?: number; limit?: number; projection?: Document; collation?: Collation },
): Document[] {
  let out = docs;
  if (o.sort && Object.keys(o.sort).length > 0) {
    out = queryOf({}, o.collation).find<Document>(docs).sort(o.sort).all();
  }
  const start = o.skip ?? 0;
  if (start || o.limit) out = out.slice(start, o.limit ? start + o.limit : undefined);
  if (!o.projection || Object.keys(o.projection).length === 0) return out;
  // mingo's exclusion projection edits nested objects in place: project copies, never stored documents.
  return new Query({}, MINGO)
    .find<Document>(out.map(cloneDoc), o.projection)
    .all()
    .map(idFirst);
}

/** MongoDB returns `_id` as the first field of a projected document. */
const idFirst = (doc: Document): Document => {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
};

/** Runs an aggregation pipeline; `resolve` gives $lookup/$unionWith access to sibling collections. */
export function runPipeline(
  docs: Document[],
  pipeline: Document[],
  resolve: (name: string) => Document[],
  collation?: Collation,
  variables?: Document,
): Document[] {
  const opts: Partial<Options> = { ...MINGO, processingMode: ProcessingMode.CLONE_INPUT, collectionResolver: resolve, variables };
  const agg = collation
    ? new ContextAggregator(pipeline, { ...opts, collation: forMingo(collation), context: collatedContext(collation) })
    : new Aggregator(pipeline, opts);
  return agg.run(docs);
}

/** Deep-copies plain objects and arrays; BSON values (ObjectId, Binary, Long…) are immutable and shared. */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlain(v)) {
    const out: Document = {};
    for (const k of Object.keys(v)) out[k] = cloneDoc(v[k]);
    return out as T;
  }
  return v;
}
