import { isPlain } from '../values';

/**
 * The BSON type name MongoDB reports for a value (`consideredType` in errInfo). Incoming
 * int32, double and safe int64 values all arrive as JS numbers here, so a number is `int`
 * when it is an integer within int32 (what the JS driver sends for such numbers), else
 * `double`; an integral double such as `new Double(3)` is therefore seen as `int`.
 */
export function bsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31 ? 'int' : 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (isPlain(v)) return 'object';
  const bson = (v as { _bsontype?: string })._bsontype;
  return BSON_CLASSES[bson ?? ''] ?? 'object';
}

const BSON_CLASSES: Record<string, string> = {
  ObjectId: 'objectId',
  ObjectID: 'objectId',
  Binary: 'binData',
  UUID: 'binData',
  Long: 'long',
  Int32: 'int',
  Double: 'double',
  Decimal128: 'decimal',
  Timestamp: 'timestamp',
  BSONRegExp: 'regex',
  Code: 'javascript',
  BSONSymbol: 'symbol',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  DBRef: 'object',
};

const NUMBER_TYPES = new Set(['int', 'long', 'double', 'decimal']);

/** Whether `v` has the BSON type `name` (`number` means any numeric type). */
export function isBsonType(v: unknown, name: string): boolean {
  const t = bsonTypeOf(v);
  if (name === 'number') return NUMBER_TYPES.has(t);
  // A large integral number may have been an int64 on the wire.
  if (name === 'long' && t === 'double' && Number.isInteger(v)) return true;
  return t === name;
}

/** JSON Schema's `type`: MongoDB accepts object, array, number, boolean, string and null. */
export function isJsonType(v: unknown, name: string): boolean {
  const t = bsonTypeOf(v);
  switch (name) {
    case 'number':
      return NUMBER_TYPES.has(t);
    case 'boolean':
      return t === 'bool';
    default:
      return t === name;
  }
}

export const BSON_TYPE_NAMES = new Set([
  'double', 'string', 'object', 'array', 'binData', 'undefined', 'objectId', 'bool', 'date', 'null', 'regex',
  'dbPointer', 'javascript', 'symbol', 'javascriptWithScope', 'int', 'timestamp', 'long', 'decimal', 'minKey', 'maxKey', 'number',
]);
