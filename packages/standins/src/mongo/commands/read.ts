import { Long, type Document } from 'bson';
import { CommandError } from '../errors';
import { cloneDoc, runPipeline, shape } from '../query';
import { keyOf, pathValues } from '../store/keys';
import { collectionName, cursorReply, dbOf, num, type Handler } from './context';
import { withId } from './write';

const find: Handler = (cmd, ctx) => {
  const db = dbOf(cmd);
  const name = collectionName(cmd);
  const coll = ctx.store.get(db, name);
  let limit = num(cmd.limit);
  // Legacy negative limit: at most |limit| documents, in one batch.
  const singleBatch = cmd.singleBatch === true || limit < 0;
  limit = Math.abs(limit);
  const docs = coll
    ? shape(coll.find(cmd.filter, cmd.collation), { sort: cmd.sort, skip: num(cmd.skip), limit, projection: cmd.projection, collation: cmd.collation })
    : [];
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
  let n = Object.keys(query).length ? coll.find(query, cmd.collation).length : coll.docs.size;
  n = Math.max(0, n - num(cmd.skip));
  const limit = Math.abs(num(cmd.limit));
  return { n: limit ? Math.min(n, limit) : n, ok: 1 };
};

const distinct: Handler = (cmd, ctx) => {
  if (typeof cmd.key !== 'string') throw new CommandError('TypeMismatch', "'key' must be of type String");
  const coll = ctx.store.get(dbOf(cmd), collectionName(cmd));
  const values = new Map<string, unknown>();
  for (const doc of coll?.find(cmd.query ?? {}, cmd.collation) ?? []) {
    for (const v of pathValues(doc, cmd.key)) if (v !== undefined) values.set(keyOf([v]), v);
  }
  return { values: [...values.values()], ok: 1 };
};

const aggregate: Handler = (cmd, ctx) => {
  const db = dbOf(cmd);
  const pipeline: Document[] = Array.isArray(cmd.pipeline) ? [...cmd.pipeline] : [];
  if (cmd.explain) throw new CommandError('NotImplemented', 'explain is not supported by the stand-in');
  if (pipeline.some((s) => '$merge' in s)) throw new CommandError('NotImplemented', '$merge is not supported by the stand-in');
  const name = typeof cmd.aggregate === 'string' ? cmd.aggregate : undefined;
  const coll = name ? ctx.store.get(db, name) : undefined;
  // A leading $match goes through the collection so _id/unique equalities use the hash indexes.
  let input: Document[] = [];
  if (coll) input = pipeline[0]?.$match ? coll.find(pipeline.shift()!.$match, cmd.collation) : [...coll.docs.values()];
  const last = pipeline[pipeline.length - 1];
  const out = last && '$out' in last ? pipeline.pop()!.$out : undefined;
  const resolve = (other: string): Document[] => [...(ctx.store.get(db, other)?.docs.values() ?? [])].map(cloneDoc);
  const docs = runPipeline(input, pipeline, resolve, cmd.collation);
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
