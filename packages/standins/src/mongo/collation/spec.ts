import type { Document } from 'bson';
import type { CollationSpec } from 'mingo/types';
import { CommandError } from '../errors';

/** A collation as the server keeps it: every field filled in (what `listIndexes` shows). */
export interface Collation {
  locale: string;
  caseLevel: boolean;
  caseFirst: 'upper' | 'lower' | 'off';
  strength: number;
  numericOrdering: boolean;
  alternate: 'non-ignorable' | 'shifted';
  maxVariable: 'punct' | 'space';
  normalization: boolean;
  backwards: boolean;
  version: string;
}

const FIELDS = new Set(['locale', 'caseLevel', 'caseFirst', 'strength', 'numericOrdering', 'alternate', 'maxVariable', 'normalization', 'backwards', 'version']);
/** The ICU version MongoDB 7.0 reports in expanded collations. */
const ICU_VERSION = '57.1';

/**
 * Parses a `collation` option. `undefined` means the simple (binary) collation: no option,
 * `{locale: 'simple'}`, or nothing at all.
 *
 * @example
 * parseCollation({ locale: 'en', strength: 2 }); // { locale: 'en', strength: 2, caseLevel: false, … }
 * parseCollation({ locale: 'simple' }); // undefined
 */
export function parseCollation(raw: unknown): Collation | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new CommandError('TypeMismatch', "BSON field 'collation' is the wrong type, expected type 'object'");
  const spec = raw as Document;
  for (const k of Object.keys(spec)) {
    if (!FIELDS.has(k)) throw new CommandError('Location40415', `BSON field 'collation.${k}' is an unknown field.`);
  }
  if (typeof spec.locale !== 'string') throw new CommandError('Location40414', "BSON field 'collation.locale' is missing but a required field");
  if (spec.locale === 'simple') {
    if (Object.keys(spec).length > 1) throw new CommandError('BadValue', 'If "locale" is set to "simple", then no other fields may be specified');
    return undefined;
  }
  if (!supported(spec.locale)) throw new CommandError('BadValue', `Field 'locale' is invalid in: { locale: "${spec.locale}" }`);
  const strength = spec.strength ?? 3;
  if (!Number.isInteger(strength) || strength < 1 || strength > 5) {
    throw new CommandError('BadValue', "Field 'strength' must be an integer 1 through 5.");
  }
  return {
    locale: spec.locale,
    caseLevel: spec.caseLevel === true,
    caseFirst: spec.caseFirst ?? 'off',
    strength,
    numericOrdering: spec.numericOrdering === true,
    alternate: spec.alternate ?? 'non-ignorable',
    maxVariable: spec.maxVariable ?? 'punct',
    normalization: spec.normalization === true,
    backwards: spec.backwards === true,
    version: ICU_VERSION,
  };
}

/** ICU locale ids (`fr_CA`) as BCP 47 tags (`fr-CA`), which `Intl` wants. */
export const bcp47 = (locale: string): string => locale.replace(/_/g, '-');

function supported(locale: string): boolean {
  try {
    return Intl.Collator.supportedLocalesOf(bcp47(locale)).length > 0;
  } catch {
    return false;
  }
}

/** The subset mingo's `$sort` reads (it sorts strings with `Intl.Collator`). */
export const forMingo = (c: Collation): CollationSpec => ({
  locale: bcp47(c.locale),
  caseLevel: c.caseLevel,
  caseFirst: c.caseFirst,
  strength: Math.min(c.strength, 3) as 1 | 2 | 3,
  numericOrdering: c.numericOrdering,
  alternate: c.alternate,
});

/** Whether two parsed collations compare strings alike (`undefined` = simple). */
export const sameCollation = (a: Collation | undefined, b: Collation | undefined): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
