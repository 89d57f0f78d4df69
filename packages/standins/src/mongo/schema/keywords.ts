import type { Document } from 'bson';
import { isEqual } from 'mingo/util';
import { bsonTypeOf, isBsonType, isJsonType } from './bson-type';

/** One unsatisfied rule, in the shape MongoDB reports it under `schemaRulesNotSatisfied`. */
export type Failure = Document;

const considered = (keyword: string, spec: unknown, reason: string, value: unknown, extra: Document = {}): Failure => ({
  operatorName: keyword,
  specifiedAs: { [keyword]: spec },
  reason,
  consideredValue: value,
  ...extra,
});

const length = (s: string): number => [...s].length;

/**
 * The keywords that look at one value without descending into it. Each returns a failure
 * or `undefined`; a keyword that does not apply to the value's type is satisfied, as in
 * JSON Schema (`minimum` says nothing about a string).
 */
export const VALUE_KEYWORDS: Record<string, (spec: unknown, v: unknown, schema: Document) => Failure | undefined> = {
  bsonType: (spec, v) =>
    (Array.isArray(spec) ? spec : [spec]).some((t) => isBsonType(v, String(t)))
      ? undefined
      : considered('bsonType', spec, 'type did not match', v, { consideredType: bsonTypeOf(v) }),
  type: (spec, v) =>
    (Array.isArray(spec) ? spec : [spec]).some((t) => isJsonType(v, String(t)))
      ? undefined
      : considered('type', spec, 'type did not match', v, { consideredType: bsonTypeOf(v) }),
  enum: (spec, v) =>
    (spec as unknown[]).some((x) => isEqual(x, v)) ? undefined : considered('enum', spec, 'value was not found in enum', v),
  minimum: (spec, v, schema) =>
    typeof v !== 'number' || (schema.exclusiveMinimum ? v > Number(spec) : v >= Number(spec))
      ? undefined
      : considered('minimum', spec, 'comparison failed', v),
  maximum: (spec, v, schema) =>
    typeof v !== 'number' || (schema.exclusiveMaximum ? v < Number(spec) : v <= Number(spec))
      ? undefined
      : considered('maximum', spec, 'comparison failed', v),
  multipleOf: (spec, v) =>
    typeof v !== 'number' || v % Number(spec) === 0
      ? undefined
      : considered('multipleOf', spec, 'considered value is not a multiple of the specified value', v),
  minLength: (spec, v) =>
    typeof v !== 'string' || length(v) >= Number(spec) ? undefined : considered('minLength', spec, 'specified string length was not satisfied', v),
  maxLength: (spec, v) =>
    typeof v !== 'string' || length(v) <= Number(spec) ? undefined : considered('maxLength', spec, 'specified string length was not satisfied', v),
  pattern: (spec, v) =>
    typeof v !== 'string' || new RegExp(String(spec), 'u').test(v) ? undefined : considered('pattern', spec, 'regular expression did not match', v),
  minItems: (spec, v) =>
    !Array.isArray(v) || v.length >= Number(spec) ? undefined : considered('minItems', spec, 'array did not match specified length', v),
  maxItems: (spec, v) =>
    !Array.isArray(v) || v.length <= Number(spec) ? undefined : considered('maxItems', spec, 'array did not match specified length', v),
  uniqueItems: (spec, v) => {
    if (spec !== true || !Array.isArray(v)) return undefined;
    const dup = v.find((x, i) => v.findIndex((y) => isEqual(x, y)) !== i);
    return dup === undefined ? undefined : considered('uniqueItems', spec, 'found a duplicate item', v, { duplicatedValue: dup });
  },
};

/** Keywords that only annotate (or modify another keyword) and never fail on their own. */
export const ANNOTATIONS = new Set(['title', 'description', 'exclusiveMinimum', 'exclusiveMaximum', 'additionalItems']);

/** Keywords MongoDB parses but refuses. */
export const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);
