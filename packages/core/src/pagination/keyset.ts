import { ObjectId } from 'mongodb';
import { decodeCursor, encodeCursor } from './cursor';

/**
 * A place in a newest-first list: `createdAt` descending, then id descending.
 * Every owner-scoped list pages this way, so one cursor format and one Mongo
 * condition serve them all.
 */
export interface NewestFirstPosition {
  createdAt: Date;
  id: string;
}

/**
 * `base64url("<createdAt ms>.<id>")`.
 *
 * @example
 * decodePositionCursor(encodePositionCursor(pos), isId); // pos
 */
export function encodePositionCursor(pos: NewestFirstPosition): string {
  return encodeCursor([String(pos.createdAt.getTime()), pos.id]);
}

/** The position in a cursor; `INVALID_CURSOR` for anything this API did not issue. */
export function decodePositionCursor(cursor: string, isId: (id: string) => boolean): NewestFirstPosition {
  const [ms, id] = decodeCursor(cursor, 2, ([ms, id]) => /^\d{1,15}$/.test(ms!) && isId(id!));
  return { createdAt: new Date(Number(ms)), id: id! };
}

/**
 * The MongoDB condition "strictly after `pos`" in newest-first order, for
 * documents with `createdAt` and an ObjectId `_id` (sort `{createdAt: -1, _id: -1}`).
 *
 * @example
 * collection.find({ ownerId, ...(after ? olderThan(after) : {}) }).sort({ createdAt: -1, _id: -1 });
 */
export function olderThan(pos: NewestFirstPosition): { $or: Array<Record<string, unknown>> } {
  const _id = new ObjectId(pos.id);
  return { $or: [{ createdAt: { $lt: pos.createdAt } }, { createdAt: pos.createdAt, _id: { $lt: _id } }] };
}

/**
 * One page of a newest-first list: `limit` items and the cursor of the next
 * page (`null` on the last), from `limit + 1` fetched rows.
 *
 * @example
 * const found = await repo.listByOwner({ ownerId, limit: limit + 1, after });
 * return pageOf(found, limit, toPublicNote);
 */
export function pageOf<R extends NewestFirstPosition, P>(found: R[], limit: number, toPublic: (r: R) => P): { items: P[]; nextCursor: string | null } {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(toPublic), nextCursor: found.length > limit && last ? encodePositionCursor(last) : null };
}
