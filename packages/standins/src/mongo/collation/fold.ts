import { bcp47, type Collation } from './spec';

/**
 * Collation keys for equality. Two strings are equal under a collation when their keys
 * are: this is what unique indexes hash and what `$eq`/`$in` compare, so both agree.
 * The key is a Unicode fold (compatibility decomposition, marks removed at strength 1,
 * lower case unless strength 3 or caseLevel), plus the Latin letters ICU treats as a base
 * letter or digraph at strength 1 (`ø` = `o`, `ß` = `ss`, `æ` = `ae`), read from the
 * runtime's own `Intl.Collator` so the fold and the collator's ordering agree.
 *
 * @example
 * collationKey('Café', parseCollation({ locale: 'en', strength: 1 })); // 'cafe'
 */
export function collationKey(s: string, c: Collation): string {
  let t: string;
  if (c.strength >= 3) t = s.normalize('NFD');
  else if (c.strength === 2) t = c.caseLevel ? s.normalize('NFD') : s.normalize('NFKD').toLowerCase();
  else {
    const table = baseLetters(c.caseLevel);
    t = '';
    for (const ch of s.normalize('NFKD').replace(/\p{Mn}/gu, '')) t += table.get(ch) ?? ch;
    if (!c.caseLevel) t = t.toLowerCase();
  }
  if (c.alternate === 'shifted' && c.strength <= 3) t = t.replace(/[\p{P}\p{Z}]/gu, '');
  if (c.numericOrdering) t = t.replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, ''));
  return t;
}

/** Replaces every string inside `v` (arrays and sub-documents included) by its collation key. */
export function foldValue(v: unknown, c: Collation): unknown {
  if (typeof v === 'string') return collationKey(v, c);
  if (Array.isArray(v)) return v.map((x) => foldValue(x, c));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = foldValue(x, c);
    return out;
  }
  return v;
}

/** True when `v` holds a string anywhere, i.e. when a collation can change how it compares. */
export function hasString(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (Array.isArray(v)) return v.some(hasString);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v).some(hasString);
  return false;
}

const CANDIDATES = (() => {
  const lower = 'abcdefghijklmnopqrstuvwxyz'.split('');
  return [...lower, ...lower.map((l) => l.toUpperCase()), 'ss', 'ae', 'oe', 'AE', 'OE'];
})();
const tables = new Map<boolean, Map<string, string>>();

/** Latin letters (U+00A0–U+024F) that the root collation sorts as an ASCII letter at strength 1. */
function baseLetters(caseLevel: boolean): Map<string, string> {
  let table = tables.get(caseLevel);
  if (table) return table;
  const collator = new Intl.Collator('en', { sensitivity: caseLevel ? 'case' : 'base' });
  table = new Map();
  for (let cp = 0xa0; cp <= 0x24f; cp++) {
    const ch = String.fromCodePoint(cp);
    if (/^[\x00-\x7f]*$/.test(ch.normalize('NFKD').replace(/\p{Mn}/gu, ''))) continue;
    const hit = CANDIDATES.find((x) => collator.compare(ch, x) === 0);
    if (hit) table.set(ch, hit);
  }
  tables.set(caseLevel, table);
  return table;
}

/** Orders two strings as the collation does (ICU through `Intl.Collator`). */
export function stringComparator(c: Collation): (a: string, b: string) => number {
  let sensitivity: Intl.CollatorOptions['sensitivity'] = c.strength === 1 ? 'base' : c.strength === 2 ? 'accent' : 'variant';
  if (c.caseLevel && c.strength === 1) sensitivity = 'case';
  if (c.caseLevel && c.strength === 2) sensitivity = 'variant';
  const collator = new Intl.Collator(bcp47(c.locale), {
    sensitivity,
    caseFirst: c.caseFirst === 'off' ? 'false' : c.caseFirst,
    numeric: c.numericOrdering,
    ignorePunctuation: c.alternate === 'shifted',
  });
  return (a, b) => collator.compare(a, b);
}
