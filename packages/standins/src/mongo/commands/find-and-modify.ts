import type { Document } from 'bson';
import { CommandError } from '../errors';
import { enforceValidator } from '../schema/validator';
import { shape } from '../query';
import { applyUpdate, upsertDocument } from '../update';
import { collationOf, collectionName, dbOf, type Handler } from './context';
import { withId } from './statements';

const project = (doc: Document | null, fields: Document | undefined): Document | null =>
  doc && fields && Object.keys(fields).length ? shape([doc], { projection: fields })[0]! : doc;

/** findAndModify: one document, found (optionally sorted), then removed, updated or upserted. */
const findAndModify: Handler = (cmd, ctx) => {
  const db = dbOf(cmd);
  const name = collectionName(cmd);
  if (!cmd.remove && cmd.update === undefined) throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (cmd.remove && (cmd.update !== undefined || cmd.new || cmd.upsert)) {
    throw new CommandError('FailedToParse', 'Cannot specify remove together with update, new or upsert');
  }
  const query: Document = cmd.query ?? {};
  let coll = ctx.store.get(db, name);
  const collation = collationOf(coll, cmd.collation);
  const matched = coll?.find(query, collation) ?? [];
  const target = cmd.sort ? shape(matched, { sort: cmd.sort, limit: 1, collation })[0] : matched[0];
  const opts = { filter: query, arrayFilters: cmd.arrayFilters, collation, variables: cmd.let };
  const bypass = cmd.bypassDocumentValidation === true;
  let value: Document | null = null;
  let lastErrorObject: Document;
  if (cmd.remove) {
    if (target) coll!.remove(target);
    value = target ?? null;
    lastErrorObject = { n: target ? 1 : 0 };
  } else if (target) {
    const { doc, modified } = applyUpdate(target, cmd.update, opts);
    if (modified) {
      enforceValidator(coll!.options, doc, target, bypass);
      coll!.replace(target, doc);
    }
    value = cmd.new ? doc : target;
    lastErrorObject = { n: 1, updatedExisting: true };
  } else if (cmd.upsert) {
    const doc = withId(upsertDocument(query, cmd.update, opts));
    coll ??= ctx.store.ensure(db, name);
    enforceValidator(coll.options, doc, undefined, bypass);
    coll.insert(doc);
    value = cmd.new ? doc : null;
    lastErrorObject = { n: 1, updatedExisting: false, upserted: doc._id };
  } else {
    lastErrorObject = { n: 0, updatedExisting: false };
  }
  return { lastErrorObject, value: project(value, cmd.fields), ok: 1 };
};

export const findAndModifyCommands: Record<string, Handler> = { findAndModify, findandmodify: findAndModify };
