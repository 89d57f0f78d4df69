import { Long, type Document } from 'bson';
import { CommandError } from '../errors';
import { cloneDoc, runPipeline, shape } from '../query';
import { foldValue } from '../collation/fold';
import { keyOf, pathValues } from '../store/keys';
import { rewriteMeta, shapeScored, withoutScores, withScores } from '../text/meta';
import { collationOf, collectionName, cursorReply, dbOf, num, type Handler } from './context';
import { withId } from './statements';

const find: Handler = (cmd, ctx) => {
  const db = dbOf(cmd);
  const name = collectionName(cmd);
  const coll = ctx.store.get(db, name);
  let limit = num(cmd.limit);
  // Legacy negative limit: at most |limit| documents, in one batch.
  const singleBatch = cmd.singleBatch === true || limit < 0;
  limit = Math.abs(limit);
  let docs: Document[] = [];
  const collation = collationOf(coll, cmd.collation);
  if (coll) {
    const found = coll.search(cmd.filter, collation);
    const how = { sort: cmd.sort, skip: num(cmd.skip), limit, projection: cmd.projection, collation };
    docs = found.scores ? shapeScored(found.docs, how, found.scores) : shape(found.docs, how);
  }
  const bs = num(cmd.batchSize);
  const batchSize = singleBatch && limit ? Math.min(bs || limit, limit) : bs;
  return cursorReply(ctx.cursors.first(`${db}.${name}`, docs, batchSize, singleBatch));
};

const getMore: Handler = (cmd, ctx) => {
  const ns = `${dbOf(cmd)}.${cmd.collection}`;
  return cursorReply(ctx.cursors.more(cmd.getMore, ns, num(cmd.batchSize)));
};

const killCursors: Handler = (cmd, ctx) => ({
  ...ctx.cursors.kill(Array.isArray(cmd.cursors) ? cmd.cursors : []),
  cursorsAlive: [],
  cursorsUnknown: [],
  ok: 1,
});

const count: Handler = (cmd, ctx) => {
  const coll = ctx.store.get(dbOf(cmd), collectionName(cmd));
  if (!coll) return { n: 0, ok: 1 };
  const query = cmd.query ?? {};
  let n = Object.keys(query).length ? coll.find(query, collationOf(coll, cmd.collation)).length : coll.docs.size;
  n = Math.max(0, n - num(cmd.skip));
  const limit = Math.abs(num(cmd.limit));
  return { n: limit ? Math.min(n, limit) : n, ok: 1 };
};

const distinct: Handler = (cmd, ctx) => {
  if (typeof cmd.key !== 'string') throw new CommandError('TypeMismatch', "'key' must be of type String");
  const coll = ctx.store.get(dbOf(cmd), collectionName(cmd));
  const collation = collationOf(coll, cmd.collation);
  const values = new Map<string, unknown>();
  for (const doc of coll?.find(cmd.query ?? {}, collation) ?? []) {
    for (const v of pathValues(doc, cmd.key)) {
      // Values equal under the collation are one value; the first one seen is reported.
      const key = keyOf([collation ? foldValue(v, collation) : v]);
      if (v !== undefined && !values.has(key)) values.set(key, v);
    }
  }
  return { values: [...values.values()], ok: 1 };
};

const aggregate: Handler = (cmd, ctx) => {
  const db = dbOf(cmd);
  const pipeline: Document[] = Array.isArray(cmd.pipeline) ? [...cmd.pipeline] : [];
  if (cmd.explain) throw new CommandError('NotImplemented', 'explain is not supported by the stand-in');
  if (pipeline.some((s) => '$changeStream' in s)) {
    throw new CommandError('Location40573', 'The $changeStream stage is only supported on replica sets');
  }
  if (pipeline.some((s) => '$merge' in s)) throw new CommandError('NotImplemented', '$merge is not supported by the stand-in');
  const name = typeof cmd.aggregate === 'string' ? cmd.aggregate : undefined;
  const coll = name ? ctx.store.get(db, name) : undefined;
  const collation = collationOf(coll, cmd.collation);
  // A leading $match goes through the collection so _id/unique equalities use the hash indexes.
  let input: Document[] = [];
  let scored = false;
  if (coll && pipeline[0]?.$match) {
    const found = coll.search(pipeline.shift()!.$match, collation);
    scored = found.scores !== undefined;
    input = found.scores ? withScores(found.docs, found.scores) : found.docs;
  } else if (coll) {
    input = [...coll.docs.values()];
  }
  const last = pipeline[pipeline.length - 1];
  const out = last && '$out' in last ? pipeline.pop()!.$out : undefined;
  const resolve = (other: string): Document[] => [...(ctx.store.get(db, other)?.docs.values() ?? [])].map(cloneDoc);
  let docs = runPipeline(input, scored ? (rewriteMeta(pipeline) as Document[]) : pipeline, resolve, collation);
  if (scored) docs = withoutScores(docs);
  if (out !== undefined) {
    const target = typeof out === 'string' ? { db, coll: out } : { db: out.db ?? db, coll: out.coll };
    const dest = ctx.store.ensure(target.db, target.coll);
    const previous = [...dest.docs.values()];
    dest.clear();
    try {
      for (const d of docs) dest.insert(withId(d));
    } catch (err) {
      // $out replaces the target all-or-nothing
      dest.clear();
      for (const d of previous) dest.insert(d);
      throw err;
    }
    return cursorReply({ id: Long.ZERO, ns: `${db}.${name}`, firstBatch: [] });
  }
  const batchSize = num(cmd.cursor?.batchSize);
  return cursorReply(ctx.cursors.first(`${db}.${name ?? '$cmd.aggregate'}`, docs, batchSize));
};

export const readCommands: Record<string, Handler> = { find, getMore, killCursors, count, distinct, aggregate };
