/**
 * Text tokens as a MongoDB text index sees them: runs of letters and digits, folded to
 * lower case and stripped of diacritics unless the query asks for sensitivity. English
 * stop words are dropped; there is no stemming.
 */
export interface TokenOptions {
  caseSensitive: boolean;
  diacriticSensitive: boolean;
  /** Whether English stop words are dropped (the language is English). */
  stopWords: boolean;
}

/** Snowball's English stop-word list (MongoDB's own list is close to it). */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
  ought our ours ourselves out over own same she should so some such than that the their theirs them themselves then
  there these they this those through to too under until up very was we were what when where which while who whom why
  will with would you your yours yourself yourselves`.split(/\s+/),
);

/** Folds text for comparison: the same rules apply to documents and to the query. */
export function foldText(s: string, o: TokenOptions): string {
  let t = s.normalize('NFD');
  if (!o.diacriticSensitive) t = t.replace(/\p{Mn}/gu, '');
  if (!o.caseSensitive) t = t.toLowerCase();
  return t.normalize('NFC');
}

/** The tokens of `s`, folded, stop words removed. */
export function tokenise(s: string, o: TokenOptions): string[] {
  const words = foldText(s, o).match(/[\p{L}\p{N}]+/gu) ?? [];
  return o.stopWords ? words.filter((w) => !STOP_WORDS.has(w.toLowerCase())) : words;
}

/** Whether a language name or code means English (the only language with stop words here). */
export const isEnglish = (language: unknown): boolean =>
  language === undefined || language === 'english' || language === 'en';
