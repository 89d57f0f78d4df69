import type { Document } from 'bson';
import { isPlain, shape } from '../query';
import type { Collation } from '../collation/spec';

/** The hidden field that carries a text score through sorts and pipelines. */
export const SCORE_FIELD = '__standinTextScore';

const isScoreMeta = (v: unknown): boolean => isPlain(v) && v.$meta === 'textScore' && Object.keys(v).length === 1;

/** Replaces `{$meta: 'textScore'}` anywhere in a pipeline stage by the hidden score field. */
export function rewriteMeta(v: unknown): unknown {
  if (isScoreMeta(v)) return `$${SCORE_FIELD}`;
  if (Array.isArray(v)) return v.map((x) => rewriteMeta(x));
  if (!isPlain(v)) return v;
  const out: Document = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$sort' && isPlain(x)) out[k] = sortSpec(x);
    else out[k] = rewriteMeta(x);
  }
  return out;
}

/** A sort spec where `{field: {$meta: 'textScore'}}` becomes a descending sort on the score. */
function sortSpec(sort: Document): Document {
  const out: Document = {};
  for (const [k, v] of Object.entries(sort)) {
    if (isScoreMeta(v)) out[SCORE_FIELD] = -1;
    else out[k] = v;
  }
  return out;
}

/** Copies of `docs` carrying their score in the hidden field, for a pipeline after a `$text` match. */
export const withScores = (docs: Document[], scores: Map<Document, number>): Document[] =>
  docs.map((d) => ({ ...d, [SCORE_FIELD]: scores.get(d) ?? 0 }));

/** Drops the hidden field from pipeline output. */
export function withoutScores(docs: Document[]): Document[] {
  return docs.map((d) => {
    if (!(SCORE_FIELD in d)) return d;
    const { [SCORE_FIELD]: _, ...rest } = d;
    return rest;
  });
}

/**
 * `shape` for the results of a `$text` find: `{$meta: 'textScore'}` in the sort orders by
 * score (highest first) and in the projection adds the score as that field.
 */
export function shapeScored(
  docs: Document[],
  o: { sort?: Document; skip?: number; limit?: number; projection?: Document; collation?: Collation },
  scores: Map<Document, number>,
): Document[] {
  const metaFields = Object.keys(o.projection ?? {}).filter((k) => isScoreMeta(o.projection![k]));
  const sorted = shape(withScores(docs, scores), { ...o, sort: o.sort && sortSpec(o.sort), projection: undefined });
  const kept = sorted.map((d) => d[SCORE_FIELD] as number);
  const projection: Document = { ...o.projection };
  for (const k of metaFields) delete projection[k];
  const out = shape(withoutScores(sorted), { projection });
  return out.map((d, i) => {
    const extra: Document = {};
    for (const k of metaFields) extra[k] = kept[i];
    return { ...d, ...extra };
  });
}
