import type { Document } from 'bson';
import { parseCollation, type Collation } from '../collation/spec';
import type { Cursors, CursorReply } from '../cursors';
import { CommandError } from '../errors';
import type { Catalog } from '../store/catalog';
import type { Collection } from '../store/collection';

/** What a command handler may touch: the catalog, open cursors and the calling connection. */
export interface Ctx {
  store: Catalog;
  cursors: Cursors;
  connectionId: number;
}

/** A command handler runs synchronously, so each command is atomic against the store. */
export type Handler = (cmd: Document, ctx: Ctx) => Document;

/** The database a command targets (`$db`, as OP_MSG carries it). */
export const dbOf = (cmd: Document): string => (typeof cmd.$db === 'string' ? cmd.$db : 'test');

/** The collection name in the command's first field, e.g. `{find: 'users'}`. */
export function collectionName(cmd: Document): string {
  const name = Object.values(cmd)[0];
  if (typeof name !== 'string' || name === '') {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${typeof name}`);
  }
  return name;
}

export const cursorReply = (cursor: CursorReply): Document => ({ cursor, ok: 1 });

/** The count given in a `limit`-like field, which may arrive as number or Long. */
export const num = (v: unknown, dflt = 0): number => (v === undefined || v === null ? dflt : Number(v));

/** The collation a command runs with (its option, else the collection's default); validated even without a collection. */
export const collationOf = (coll: Collection | undefined, raw: unknown): Collation | undefined =>
  coll ? coll.collationOf(raw) : parseCollation(raw);
