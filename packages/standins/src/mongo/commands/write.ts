import type { Document } from 'bson';
import { CommandError, toCommandError } from '../errors';
import { enforceValidator } from '../schema/validator';
import type { Collection } from '../store/collection';
import { applyUpdate, isReplacement, upsertDocument } from '../update';
import { collationOf, collectionName, dbOf, num, type Handler } from './context';
import { checkStatement, withId } from './statements';

interface WriteError {
  index: number;
  code: number;
  errmsg: string;
  [extra: string]: unknown;
}

/** Runs each statement; ordered batches stop at the first failure, unordered ones carry on. */
function eachStatement(items: unknown, ordered: boolean, run: (item: Document, i: number) => void): WriteError[] {
  const errors: WriteError[] = [];
  const list = Array.isArray(items) ? (items as Document[]) : [];
  for (let i = 0; i < list.length; i++) {
    try {
      run(list[i]!, i);
    } catch (err) {
      const e = toCommandError(err);
      errors.push({ index: i, code: e.code, errmsg: e.message, ...e.extra });
      if (ordered) break;
    }
  }
  return errors;
}

const withErrors = (reply: Document, writeErrors: WriteError[]): Document =>
  writeErrors.length ? { ...reply, writeErrors } : reply;

const insert: Handler = (cmd, ctx) => {
  const coll = ctx.store.ensure(dbOf(cmd), collectionName(cmd));
  let n = 0;
  const errors = eachStatement(cmd.documents, cmd.ordered !== false, (raw) => {
    const doc = withId(raw);
    enforceValidator(coll.options, doc, undefined, cmd.bypassDocumentValidation === true);
    coll.insert(doc);
    n++;
  });
  return withErrors({ n, ok: 1 }, errors);
};

/** Updates (or upserts) per one `updates` statement; returns what it did. */
function updateStatement(
  coll: Collection | undefined,
  create: () => Collection,
  s: Document,
  cmd: Document,
): { n: number; nModified: number; upserted?: unknown } {
  checkStatement('update', s);
  if (s.multi && isReplacement(s.u)) throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
  const collation = collationOf(coll, s.collation);
  const opts = { filter: s.q ?? {}, arrayFilters: s.arrayFilters, collation, variables: { ...cmd.let, ...s.c } };
  const bypass = cmd.bypassDocumentValidation === true;
  const matched = coll?.find(s.q ?? {}, collation) ?? [];
  if (matched.length === 0 && s.upsert) {
    const doc = withId(upsertDocument(s.q ?? {}, s.u, opts));
    const target = create();
    enforceValidator(target.options, doc, undefined, bypass);
    target.insert(doc);
    return { n: 1, nModified: 0, upserted: doc._id };
  }
  let nModified = 0;
  const targets = s.multi ? matched : matched.slice(0, 1);
  for (const old of targets) {
    const { doc, modified } = applyUpdate(old, s.u, opts);
    if (modified) {
      enforceValidator(coll!.options, doc, old, bypass);
      coll!.replace(old, doc);
      nModified++;
    }
  }
  return { n: targets.length, nModified };
}

const update: Handler = (cmd, ctx) => {
  const [db, name] = [dbOf(cmd), collectionName(cmd)];
  const create = (): Collection => ctx.store.ensure(db, name);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const errors = eachStatement(cmd.updates, cmd.ordered !== false, (s, index) => {
    const r = updateStatement(ctx.store.get(db, name), create, s, cmd);
    n += r.n;
    nModified += r.nModified;
    if (r.upserted !== undefined) upserted.push({ index, _id: r.upserted });
  });
  return withErrors({ n, nModified, ...(upserted.length ? { upserted } : {}), ok: 1 }, errors);
};

const del: Handler = (cmd, ctx) => {
  const coll = ctx.store.get(dbOf(cmd), collectionName(cmd));
  let n = 0;
  const errors = eachStatement(cmd.deletes, cmd.ordered !== false, (s) => {
    checkStatement('delete', s);
    if (!coll) return;
    const matched = coll.find(s.q ?? {}, collationOf(coll, s.collation));
    for (const doc of num(s.limit) === 1 ? matched.slice(0, 1) : matched) {
      coll.remove(doc);
      n++;
    }
  });
  return withErrors({ n, ok: 1 }, errors);
};

export const writeCommands: Record<string, Handler> = { insert, update, delete: del };
