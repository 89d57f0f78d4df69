import { describe, expect, it } from 'vitest';
import { collationKey, stringComparator } from './fold';
import { parseCollation } from './spec';

// Every letter and digit of Latin-1 and Latin Extended-A/B, plus the digraphs ICU expands to.
const samples: string[] = ['ss', 'SS', 'ae', 'AE', 'oe', 'OE'];
for (let cp = 0x30; cp <= 0x24f; cp++) {
  const ch = String.fromCodePoint(cp);
  // U+013F/U+0140 (L with middle dot) decompose to "L·", which ICU does not ignore.
  if (/[\p{L}\p{N}]/u.test(ch) && cp !== 0x13f && cp !== 0x140) samples.push(ch);
}

describe('collation keys agree with the collator on equality', () => {
  const cases = [
    { strength: 1 }, { strength: 2 }, { strength: 3 }, { strength: 1, caseLevel: true },
  ];
  for (const spec of cases) {
    it(`strength ${spec.strength}${spec.caseLevel ? ' with caseLevel' : ''}`, () => {
      const c = parseCollation({ locale: 'en', ...spec })!;
      const compare = stringComparator(c);
      const disagree: string[] = [];
      for (const a of samples) {
        for (const b of samples) {
          if (a < b && (compare(a, b) === 0) !== (collationKey(a, c) === collationKey(b, c))) disagree.push(`${a}/${b}`);
        }
      }
      // ſ (long s) is a tertiary variant of s for ICU but a compatibility form of s for Unicode.
      expect(disagree.filter((p) => !p.includes('ſ'))).toEqual([]);
    });
  }

  it('refuses a malformed or unknown locale and takes ICU ids with underscores', () => {
    expect(() => parseCollation({ locale: 'not a locale' })).toThrow(expect.objectContaining({ code: 2 }));
    expect(parseCollation({ locale: 'fr_CA', strength: 2 })).toMatchObject({ locale: 'fr_CA', strength: 2 });
    expect(parseCollation({ locale: 'simple' })).toBeUndefined();
  });
});
