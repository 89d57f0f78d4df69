import type { Document } from 'bson';
import { CommandError } from '../errors';
import { isPlain } from '../values';
import { BSON_TYPE_NAMES } from './bson-type';
import { ANNOTATIONS, UNSUPPORTED, VALUE_KEYWORDS, type Failure } from './keywords';

type Structural = (spec: any, v: unknown, schema: Document) => Failure | undefined;

const pass = (schema: unknown, v: unknown): boolean => validateSchema(schema as Document, v).length === 0;

const subschemas = (list: Document[], v: unknown) =>
  list.map((s, index) => ({ index, details: validateSchema(s, v) })).filter((r) => r.details.length > 0);

/** Properties of `v` that neither `properties` nor `patternProperties` names. */
const additional = (v: Document, schema: Document): string[] =>
  Object.keys(v).filter(
    (k) => !(k in (schema.properties ?? {})) && !Object.keys(schema.patternProperties ?? {}).some((p) => new RegExp(p, 'u').test(k)),
  );

const propertyFailures = (entries: Array<[string, Document]>, v: Document): Document[] =>
  entries
    .filter(([name]) => name in v && v[name] !== undefined)
    .map(([name, sub]) => ({ name, sub, details: validateSchema(sub, v[name]) }))
    .filter((r) => r.details.length > 0)
    .map((r) => ({ propertyName: r.name, ...(r.sub.description ? { description: r.sub.description } : {}), details: r.details }));

/** Keywords that look inside objects and arrays, or combine sub-schemas. */
const STRUCTURAL: Record<string, Structural> = {
  required: (spec: string[], v) => {
    if (!isPlain(v)) return undefined;
    const missing = spec.filter((p) => v[p] === undefined);
    return missing.length ? { operatorName: 'required', specifiedAs: { required: spec }, missingProperties: missing } : undefined;
  },
  properties: (spec: Document, v) => {
    if (!isPlain(v)) return undefined;
    const failed = propertyFailures(Object.entries(spec), v);
    return failed.length ? { operatorName: 'properties', propertiesNotSatisfied: failed } : undefined;
  },
  patternProperties: (spec: Document, v) => {
    if (!isPlain(v)) return undefined;
    const entries = Object.keys(v).flatMap((k) =>
      Object.entries(spec).filter(([p]) => new RegExp(p, 'u').test(k)).map(([, sub]) => [k, sub] as [string, Document]),
    );
    const failed = propertyFailures(entries, v);
    return failed.length ? { operatorName: 'patternProperties', propertiesNotSatisfied: failed } : undefined;
  },
  additionalProperties: (spec: boolean | Document, v, schema) => {
    if (!isPlain(v) || spec === true) return undefined;
    const extra = additional(v, schema);
    if (spec === false) {
      return extra.length ? { operatorName: 'additionalProperties', specifiedAs: { additionalProperties: false }, additionalProperties: extra } : undefined;
    }
    const failed = propertyFailures(extra.map((k) => [k, spec]), v);
    return failed.length ? { operatorName: 'additionalProperties', reason: 'at least one additional property did not match the subschema', details: failed } : undefined;
  },
  minProperties: (spec: number, v) =>
    isPlain(v) && Object.keys(v).length < spec
      ? { operatorName: 'minProperties', specifiedAs: { minProperties: spec }, reason: 'specified number of properties was not satisfied', numberOfProperties: Object.keys(v).length }
      : undefined,
  maxProperties: (spec: number, v) =>
    isPlain(v) && Object.keys(v).length > spec
      ? { operatorName: 'maxProperties', specifiedAs: { maxProperties: spec }, reason: 'specified number of properties was not satisfied', numberOfProperties: Object.keys(v).length }
      : undefined,
  dependencies: (spec: Document, v) => {
    if (!isPlain(v)) return undefined;
    const failing = Object.entries(spec)
      .filter(([prop]) => v[prop] !== undefined)
      .map(([prop, dep]) =>
        Array.isArray(dep)
          ? { conditionalProperty: prop, missingProperties: dep.filter((p: string) => v[p] === undefined) }
          : { conditionalProperty: prop, details: validateSchema(dep, v) },
      )
      .filter((f) => (f.missingProperties ?? f.details ?? []).length > 0);
    return failing.length ? { operatorName: 'dependencies', failingDependencies: failing } : undefined;
  },
  items: (spec: Document | Document[], v, schema) => {
    if (!Array.isArray(v)) return undefined;
    const tuple = Array.isArray(spec);
    for (let i = 0; i < v.length; i++) {
      const sub = tuple ? spec[i] : spec;
      if (!sub) {
        if (schema.additionalItems === false) return { operatorName: 'additionalItems', specifiedAs: { additionalItems: false }, reason: 'found additional items', additionalItems: v.slice(i) };
        if (isPlain(schema.additionalItems) && !pass(schema.additionalItems, v[i])) return { operatorName: 'additionalItems', reason: 'At least one additional item did not match the sub-schema', itemIndex: i, details: validateSchema(schema.additionalItems, v[i]) };
        continue;
      }
      const details = validateSchema(sub, v[i]);
      if (details.length) return { operatorName: 'items', reason: 'At least one item did not match the sub-schema', itemIndex: i, details };
    }
    return undefined;
  },
  allOf: (spec: Document[], v) => {
    const failed = subschemas(spec, v);
    return failed.length ? { operatorName: 'allOf', schemasNotSatisfied: failed } : undefined;
  },
  anyOf: (spec: Document[], v) => {
    const failed = subschemas(spec, v);
    return failed.length === spec.length ? { operatorName: 'anyOf', schemasNotSatisfied: failed } : undefined;
  },
  oneOf: (spec: Document[], v) => {
    const matching = spec.map((s, i) => (pass(s, v) ? i : -1)).filter((i) => i >= 0);
    if (matching.length === 1) return undefined;
    if (matching.length > 1) return { operatorName: 'oneOf', reason: 'more than one subschema matched', matchingSchemaIndexes: matching };
    return { operatorName: 'oneOf', schemasNotSatisfied: subschemas(spec, v) };
  },
  not: (spec: Document, v) => (pass(spec, v) ? { operatorName: 'not', reason: 'child expression matched' } : undefined),
};

/**
 * Checks `value` against a `$jsonSchema` (MongoDB's draft-4 subset plus `bsonType`) and
 * returns the unsatisfied rules in the order the schema lists them; none means valid.
 *
 * @example
 * validateSchema({ required: ['name'] }, {}); // [{ operatorName: 'required', specifiedAs: { required: ['name'] }, missingProperties: ['name'] }]
 */
export function validateSchema(schema: Document, value: unknown): Failure[] {
  const failures: Failure[] = [];
  for (const [keyword, spec] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    const check = VALUE_KEYWORDS[keyword] ?? STRUCTURAL[keyword];
    const failure = check?.(spec, value, schema);
    if (failure) failures.push(failure);
  }
  return failures;
}

/** Refuses a schema MongoDB would refuse at `create`/`collMod` (unknown keywords, bad type names). */
export function checkSchema(schema: unknown): void {
  if (!isPlain(schema)) throw new CommandError('TypeMismatch', '$jsonSchema must be an object');
  for (const [keyword, spec] of Object.entries(schema)) {
    if (UNSUPPORTED.has(keyword)) throw new CommandError('FailedToParse', `$jsonSchema keyword '${keyword}' is not currently supported`);
    if (!(keyword in VALUE_KEYWORDS) && !(keyword in STRUCTURAL) && !ANNOTATIONS.has(keyword)) {
      throw new CommandError('FailedToParse', `Unknown $jsonSchema keyword: ${keyword}`);
    }
    if (keyword === 'bsonType') for (const t of [spec].flat()) if (!BSON_TYPE_NAMES.has(t)) throw new CommandError('BadValue', `Unknown type name alias: ${t}`);
    if (keyword === 'type') for (const t of [spec].flat()) if (!['object', 'array', 'number', 'boolean', 'string', 'null'].includes(t)) {
      throw new CommandError('BadValue', `JSON type '${t}' is not currently supported`);
    }
    if (keyword === 'properties' || keyword === 'patternProperties') Object.values(spec as Document).forEach(checkSchema);
    if (keyword === 'dependencies') Object.values(spec as Document).forEach((d) => !Array.isArray(d) && checkSchema(d));
    if (['allOf', 'anyOf', 'oneOf'].includes(keyword)) (spec as unknown[]).forEach(checkSchema);
    if (keyword === 'items') [spec].flat().forEach(checkSchema);
    if (['not', 'additionalProperties', 'additionalItems'].includes(keyword) && isPlain(spec)) checkSchema(spec);
  }
}
