import type { Document } from 'bson';
import { CommandError } from '../errors';
import { isPlain } from '../query';
import type { IndexSpec } from '../store/indexes';
import { pathValues } from '../store/keys';
import { foldText, isEnglish, tokenise, type TokenOptions } from './tokens';

/** A parsed `$search` string: terms (any may match), phrases (all must), negations (none may). */
interface Search {
  terms: string[];
  phrases: string[];
  notTerms: string[];
  notPhrases: string[];
}

function parseSearch(search: string, o: TokenOptions): Search {
  const s: Search = { terms: [], phrases: [], notTerms: [], notPhrases: [] };
  const re = /(-?)"([^"]*)"|(-?)([^\s"]+)/g;
  for (const m of search.matchAll(re)) {
    if (m[2] !== undefined) (m[1] ? s.notPhrases : s.phrases).push(foldText(m[2], o));
    else (m[3] ? s.notTerms : s.terms).push(...tokenise(m[4]!, o));
  }
  // Words inside a phrase count as terms for the score, as in MongoDB.
  for (const p of s.phrases) s.terms.push(...tokenise(p, o));
  s.terms = [...new Set(s.terms)];
  return s;
}

/** The strings a text index covers in `doc`, with their weight. */
function indexedStrings(doc: Document, weights: Document): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const collect = (v: unknown, w: number): void => {
    if (typeof v === 'string') out.push([v, w]);
    else if (Array.isArray(v)) v.forEach((x) => collect(x, w));
    else if (isPlain(v) && '$**' in weights) Object.values(v).forEach((x) => collect(x, w));
  };
  for (const [field, weight] of Object.entries(weights)) {
    if (field === '$**') Object.entries(doc).forEach(([k, v]) => k !== '_id' && !(k in weights) && collect(v, Number(weight)));
    else pathValues(doc, field).forEach((v) => collect(v, Number(weight)));
  }
  return out;
}

/**
 * Compiles a `$text` query against the collection's text index: a function giving each
 * document's score, or `undefined` when it does not match. The score follows MongoDB's
 * formula: per field value, weight × Σ(½^k over the term's occurrences) × (½ + ½·count/tokens).
 *
 * @example
 * const score = compileText({ $search: 'coffee' }, spec);
 * score({ subject: 'coffee' }); // 1
 */
export function compileText(text: unknown, spec: IndexSpec): (doc: Document) => number | undefined {
  if (!isPlain(text) || typeof text.$search !== 'string') throw new CommandError('BadValue', '$search needs a String');
  const language = text.$language ?? spec.default_language;
  const base = {
    caseSensitive: text.$caseSensitive === true,
    diacriticSensitive: text.$diacriticSensitive === true,
  };
  const override = typeof spec.language_override === 'string' ? spec.language_override : 'language';
  const weights = spec.weights ?? {};
  const query = parseSearch(text.$search, { ...base, stopWords: isEnglish(language) });
  return (doc) => {
    const o = { ...base, stopWords: isEnglish(doc[override] ?? language) };
    const values = indexedStrings(doc, weights);
    const folded = values.map(([v]) => foldText(v, o));
    if (query.phrases.some((p) => !folded.some((v) => v.includes(p)))) return undefined;
    if (query.notPhrases.some((p) => folded.some((v) => v.includes(p)))) return undefined;
    let score = 0;
    let matched = false;
    for (const [value, weight] of values) {
      const tokens = tokenise(value, o);
      if (query.notTerms.some((t) => tokens.includes(t))) return undefined;
      for (const term of query.terms) {
        const count = tokens.filter((t) => t === term).length;
        if (count === 0) continue;
        matched = true;
        const freq = 2 - 2 ** (1 - count); // Σ ½^k for k < count
        score += weight * freq * (0.5 + (0.5 * count) / tokens.length);
      }
    }
    return matched ? score : undefined;
  };
}
