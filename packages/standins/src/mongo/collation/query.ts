import type { Document } from 'bson';
import { Context } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import type { Options } from 'mingo/types';
import { compare, ensureArray, isRegExp, resolve, typeOf } from 'mingo/util';
import { foldValue, stringComparator } from './fold';
import type { Collation } from './spec';

type Op = (selector: string, value: unknown, options: Options) => (doc: Document) => boolean;

/**
 * Query operators that honour a collation. Equality (`$eq`, `$ne`, `$in`, `$nin`, `$all`)
 * runs mingo's own operator over documents and values whose strings are replaced by their
 * collation keys; ordering (`$lt` … `$gte`) compares strings with the collator. Regular
 * expressions ignore the collation, as in MongoDB.
 */
function collatedOps(c: Collation): Record<string, Op> {
  const folded = new WeakMap<object, Document>();
  const fold = (doc: Document): Document => {
    let f = folded.get(doc);
    if (!f) folded.set(doc, (f = foldValue(doc, c) as Document));
    return f;
  };
  const onKeys = (op: Op): Op => (selector, value, options) => {
    const test = op(selector, foldValue(value, c), options);
    return (doc) => test(fold(doc));
  };
  const $in: Op = (selector, value, options) => {
    const values = ensureArray(value) as unknown[];
    const patterns = values.filter(isRegExp);
    const byKey = onKeys(queryOps.$in as Op)(selector, values.filter((v) => !isRegExp(v)), options);
    const byPattern = patterns.length ? (queryOps.$in as Op)(selector, patterns, options) : () => false;
    return (doc) => byKey(doc) || byPattern(doc);
  };
  const strings = stringComparator(c);
  const cmp = (a: unknown, b: unknown): number => (typeof a === 'string' && typeof b === 'string' ? strings(a, b) : compare(a, b));
  const range = (ok: (n: number) => boolean): Op => (selector, value) => (doc) => {
    for (const v of ensureArray(resolve(doc, selector, { unwrapArray: true }))) {
      if (typeOf(v) === typeOf(value) && ok(cmp(v, value))) return true;
    }
    return false;
  };
  return {
    $eq: onKeys(queryOps.$eq as Op),
    $ne: onKeys(queryOps.$ne as Op),
    $all: onKeys(queryOps.$all as Op),
    $in,
    $nin: (selector, value, options) => {
      const test = $in(selector, value, options);
      return (doc) => !test(doc);
    },
    $lt: range((n) => n < 0),
    $lte: range((n) => n <= 0),
    $gt: range((n) => n > 0),
    $gte: range((n) => n >= 0),
  };
}

/**
 * A mingo context with every operator, whose query operators follow the collation `c`
 * (folded documents are cached per context: build one per command).
 */
export function collatedContext(c: Collation): Context {
  return Context.init({
    accumulator: accumulatorOps,
    expression: expressionOps,
    pipeline: pipelineOps,
    projection: projectionOps,
    query: { ...queryOps, ...collatedOps(c) },
    window: windowOps,
  } as never);
}
