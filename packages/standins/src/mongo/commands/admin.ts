import { calculateObjectSize, type Document } from 'bson';
import { CommandError } from '../errors';
import { parseCollation } from '../collation/spec';
import { compileFilter } from '../query';
import { checkValidatorOptions } from '../schema/validator';
import { ID_INDEX } from '../store/indexes';
import { collectionName, cursorReply, dbOf, type Handler } from './context';

/** Fields every command may carry that are not collection options. */
const GENERIC = new Set(['$db', 'lsid', '$clusterTime', 'txnNumber', 'readConcern', 'writeConcern', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'comment', '$readPreference', 'maxTimeMS']);

const create: Handler = (cmd, ctx) => {
  const name = collectionName(cmd);
  if (cmd.viewOn !== undefined || cmd.timeseries !== undefined) {
    throw new CommandError('NotImplemented', 'views and time series collections are not supported by the stand-in');
  }
  const options: Document = {};
  for (const [k, v] of Object.entries(cmd).slice(1)) if (!GENERIC.has(k)) options[k] = v;
  checkValidatorOptions(options);
  const collation = parseCollation(options.collation);
  if (collation) options.collation = collation;
  else delete options.collation;
  ctx.store.create(dbOf(cmd), name, options);
  return { ok: 1 };
};

/** Since MongoDB 7.0 dropping a missing collection succeeds. */
const drop: Handler = (cmd, ctx) => {
  const [db, name] = [dbOf(cmd), collectionName(cmd)];
  const nIndexesWas = ctx.store.get(db, name)?.specs().length;
  ctx.store.drop(db, name);
  return { ns: `${db}.${name}`, ...(nIndexesWas ? { nIndexesWas } : {}), ok: 1 };
};

const dropDatabase: Handler = (cmd, ctx) => {
  ctx.store.dropDatabase(dbOf(cmd));
  return { ok: 1 };
};

const listCollections: Handler = (cmd, ctx) => {
  const db = dbOf(cmd);
  const test = compileFilter(cmd.filter);
  const infos = ctx.store
    .collections(db)
    .map((c) => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false, uuid: c.uuid },
      idIndex: ID_INDEX,
    }))
    .filter(test)
    .map((i) => (cmd.nameOnly ? { name: i.name, type: i.type } : i));
  return cursorReply(ctx.cursors.first(`${db}.$cmd.listCollections`, infos, cmd.cursor?.batchSize));
};

const listDatabases: Handler = (cmd, ctx) => {
  const test = compileFilter(cmd.filter);
  const databases = [...ctx.store.dbs.keys()]
    .map((name) => {
      const sizeOnDisk = ctx.store.collections(name).reduce((sum, c) => sum + [...c.docs.values()].reduce((s, d) => s + calculateObjectSize(d), 0), 0);
      return { name, sizeOnDisk, empty: false };
    })
    .filter(test);
  if (cmd.nameOnly) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
  const totalSize = databases.reduce((s, d) => s + d.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 2 ** 20), ok: 1 };
};

const renameCollection: Handler = (cmd, ctx) => {
  const split = (ns: unknown): [string, string] => {
    const s = String(ns);
    const dot = s.indexOf('.');
    if (dot <= 0) throw new CommandError('InvalidNamespace', `Invalid namespace specified '${s}'`);
    return [s.slice(0, dot), s.slice(dot + 1)];
  };
  const [fromDb, from] = split(cmd.renameCollection);
  const [toDb, to] = split(cmd.to);
  ctx.store.rename(fromDb, from, toDb, to, cmd.dropTarget === true);
  return { ok: 1 };
};

const VALIDATION = ['validator', 'validationLevel', 'validationAction'] as const;

/** collMod: the validator options, and a TTL index's expireAfterSeconds. */
const collMod: Handler = (cmd, ctx) => {
  const [db, name] = [dbOf(cmd), collectionName(cmd)];
  const coll = ctx.store.get(db, name);
  if (!coll) throw new CommandError('NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  checkValidatorOptions(cmd);
  for (const k of VALIDATION) if (cmd[k] !== undefined) coll.options[k] = cmd[k];
  if (VALIDATION.some((k) => cmd[k] !== undefined)) coll.touch();
  const want = cmd.index;
  if (!want) return { ok: 1 };
  const ix = coll.indexes.find((i) => i.spec.name === want.name || (want.keyPattern && JSON.stringify(i.spec.key) === JSON.stringify(want.keyPattern)));
  if (!ix) throw new CommandError('IndexNotFound', `cannot find index ${want.name ?? JSON.stringify(want.keyPattern)} for ns ${db}.${name}`);
  const old = ix.spec.expireAfterSeconds;
  if (typeof want.expireAfterSeconds === 'number') ix.spec.expireAfterSeconds = want.expireAfterSeconds;
  coll.touch();
  return { expireAfterSeconds_old: old, expireAfterSeconds_new: ix.spec.expireAfterSeconds, ok: 1 };
};

export const adminCommands: Record<string, Handler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  renameCollection,
  collMod,
};
