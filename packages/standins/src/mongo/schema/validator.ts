import type { Document } from 'bson';
import { CommandError } from '../errors';
import { compileFilter } from '../query';
import { isPlain } from '../values';
import { checkSchema, validateSchema } from './json-schema';

const LEVELS = ['off', 'strict', 'moderate'];
const ACTIONS = ['error', 'warn'];

/** Refuses validator options MongoDB 7.0 refuses on `create` and `collMod`. */
export function checkValidatorOptions(o: Document): void {
  if (o.validator !== undefined) {
    if (!isPlain(o.validator)) throw new CommandError('TypeMismatch', "BSON field 'validator' is the wrong type, expected type 'object'");
    const banned = ['$where', '$near', '$nearSphere', '$text'].find((k) => k in o.validator);
    if (banned) throw new CommandError('InvalidOptions', `${banned} is not allowed in collection validators`);
    if ('$jsonSchema' in o.validator) checkSchema(o.validator.$jsonSchema);
    compileFilter(o.validator); // a malformed query fails here, not at the first insert
  }
  if (o.validationLevel !== undefined && !LEVELS.includes(o.validationLevel)) {
    throw new CommandError('BadValue', `Enumeration value '${o.validationLevel}' for field 'validationLevel' is not a valid value.`);
  }
  if (o.validationAction !== undefined && !ACTIONS.includes(o.validationAction)) {
    throw new CommandError('BadValue', `Enumeration value '${o.validationAction}' for field 'validationAction' is not a valid value.`);
  }
}

const REASONS: Record<string, string> = {
  $eq: 'comparison failed', $ne: 'comparison succeeded', $gt: 'comparison failed', $gte: 'comparison failed', $lt: 'comparison failed', $lte: 'comparison failed',
  $in: 'no matching value found in array', $nin: 'matching value found in array', $type: 'type did not match', $regex: 'regular expression did not match',
};

/** The `details` of a failed validation: MongoDB's format for `$jsonSchema`, an outline for other operators. */
function explain(validator: Document, doc: Document): Document {
  const clauses = Object.entries(validator).map(([k, v]): Document | undefined => {
    if (k === '$jsonSchema') {
      const rules = validateSchema(v, doc);
      return rules.length ? { operatorName: '$jsonSchema', ...(v.title ? { title: v.title } : {}), schemaRulesNotSatisfied: rules } : undefined;
    }
    if (compileFilter({ [k]: v })(doc)) return undefined;
    if (k.startsWith('$')) return { operatorName: k, specifiedAs: { [k]: v }, reason: 'expression did not match' };
    const op = isPlain(v) && Object.keys(v).length === 1 && Object.keys(v)[0]!.startsWith('$') ? Object.keys(v)[0]! : '$eq';
    const value = doc[k];
    if (value === undefined && op !== '$exists') return { operatorName: op, specifiedAs: { [k]: v }, reason: 'field was missing' };
    return { operatorName: op, specifiedAs: { [k]: v }, reason: REASONS[op] ?? 'expression did not match', consideredValue: value };
  });
  const failed = clauses.map((details, index) => ({ index, details })).filter((c) => c.details);
  return failed.length === 1 && clauses.length === 1 ? failed[0]!.details! : { operatorName: '$and', clausesNotSatisfied: failed };
}

/**
 * Applies a collection's validator to a document about to be written (`previous` is the
 * stored version for updates). `validationLevel: 'moderate'` skips updates of documents that
 * already failed; `validationAction: 'warn'` lets the write through. A refusal is
 * DocumentValidationFailure (121) with `errInfo: {failingDocumentId, details}`.
 *
 * @example
 * enforceValidator({ validator: { $jsonSchema: { required: ['a'] } } }, { _id: 1 }); // throws code 121
 */
export function enforceValidator(options: Document, next: Document, previous?: Document, bypass = false): void {
  const validator = options.validator;
  if (bypass || !isPlain(validator) || Object.keys(validator).length === 0) return;
  const level = options.validationLevel ?? 'strict';
  if (level === 'off') return;
  const test = compileFilter(validator);
  if (test(next)) return;
  if (level === 'moderate' && previous && !test(previous)) return;
  if ((options.validationAction ?? 'error') === 'warn') return;
  throw new CommandError('DocumentValidationFailure', 'Document failed validation', {
    errInfo: { failingDocumentId: next._id, details: explain(validator, next) },
  });
}
