import type { Document } from 'bson';
import { isEqual } from 'mingo/util';
import type { Collation } from './collation/spec';
import { CommandError } from './errors';
import { cloneDoc, runPipeline } from './query';

/** The stages MongoDB accepts in an update pipeline. */
const UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

/** Refuses what MongoDB refuses before running an update pipeline. */
export function checkUpdatePipeline(pipeline: Document[]): void {
  for (const stage of pipeline) {
    const keys = Object.keys(stage ?? {});
    if (keys.length !== 1) throw new CommandError('Location40323', 'A pipeline stage specification object must contain exactly one field.');
    if (!UPDATE_STAGES.has(keys[0]!)) throw new CommandError('InvalidOptions', `${keys[0]} is not allowed to be used within an update`);
  }
}

/**
 * Runs an update pipeline over one document, as MongoDB does: the output replaces the
 * document, `_id` first; an output without `_id` keeps the original one; an output that
 * changes `_id` fails with ImmutableField (66). `variables` are the statement's `let`/`c`.
 *
 * @example
 * applyPipeline({ _id: 1, a: 1 }, [{ $replaceWith: { $mergeObjects: ['$$ROOT', { b: 2 }] } }]);
 * // { _id: 1, a: 1, b: 2 }
 */
export function applyPipeline(
  doc: Document,
  pipeline: Document[],
  o: { collation?: Collation; variables?: Document; inserting?: boolean } = {},
): Document {
  checkUpdatePipeline(pipeline);
  if (pipeline.length === 0) return doc;
  const [out] = runPipeline([cloneDoc(doc)], pipeline, () => [], o.collation, o.variables);
  if (!out || typeof out !== 'object' || Array.isArray(out)) {
    throw new CommandError('BadValue', "'newRoot' expression must evaluate to an object");
  }
  const { _id, ...rest } = out;
  if (_id === undefined) return doc._id === undefined ? rest : { _id: doc._id, ...rest };
  if (!o.inserting && doc._id !== undefined && !isEqual(_id, doc._id)) throw idAltered(_id);
  return { _id, ...rest };
}

export const idAltered = (to: unknown): CommandError =>
  new CommandError('ImmutableField', `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(to)}`);
