import { ObjectId } from 'mongodb';

/** The canonical form of an id: a lower-case, 24-hex ObjectId. Any other spelling is not an id. */
export const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Whether `id` is an id in its canonical form. */
export function isObjectId(id: string): boolean {
  return OBJECT_ID.test(id);
}

/**
 * The `ObjectId` of a canonical id; `undefined` for anything else (upper
 * case included), so each spelling of an id names at most one document and
 * guards that compare ids as strings cannot be fooled.
 *
 * @example
 * toObjectId('66f0c0ffee0000000000beef'); // ObjectId
 * toObjectId('66F0C0FFEE0000000000BEEF'); // undefined
 */
export function toObjectId(id: string): ObjectId | undefined {
  return OBJECT_ID.test(id) ? new ObjectId(id) : undefined;
}
