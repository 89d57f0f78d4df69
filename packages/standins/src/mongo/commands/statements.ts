import { ObjectId, type Document } from 'bson';
import { CommandError } from '../errors';
import { isPlain } from '../values';

/**
 * The fields a 7.0 server's parser accepts in each statement of `update` and `delete`.
 * Anything else is refused as 7.0 refuses it (code 40415), which is how 8.0-only options
 * such as `sort` on `updateOne`/`replaceOne` fail there.
 */
const STATEMENT_FIELDS = {
  update: new Set(['q', 'u', 'c', 'arrayFilters', 'multi', 'upsert', 'upsertSupplied', 'collation', 'hint', 'sampleId', '$_allowShardKeyUpdatesWithoutFullShardKeyInQuery']),
  delete: new Set(['q', 'limit', 'collation', 'hint', 'sampleId']),
} as const;

export function checkStatement(command: keyof typeof STATEMENT_FIELDS, s: Document): void {
  const list = command === 'update' ? 'updates' : 'deletes';
  for (const k of Object.keys(s)) {
    if (!STATEMENT_FIELDS[command].has(k)) throw new CommandError('Location40415', `BSON field '${command}.${list}.${k}' is an unknown field.`);
  }
}

/** `$`-prefixed field names anywhere inside an `_id` value. */
function dollarField(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.map(dollarField).find(Boolean);
  if (!isPlain(v)) return undefined;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) return k;
    const inner = dollarField(x);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Moves `_id` to the front, as the server stores it, generating one only when it is missing
 * (`_id: null` is stored as null). Refuses the `_id` values MongoDB refuses.
 */
export function withId(doc: Document): Document {
  const { _id, ...rest } = doc;
  if (Array.isArray(_id)) throw new CommandError('BadValue', "can't use an array for _id");
  if (_id instanceof RegExp || (_id as { _bsontype?: string })?._bsontype === 'BSONRegExp') throw new CommandError('BadValue', "can't use a regex for _id");
  const dollar = dollarField(_id);
  if (dollar) throw new CommandError('DollarPrefixedFieldName', `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`);
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}
