/**
 * Differential checks for `$text`. Each expectation comes from the MongoDB documentation page
 * cited beside it, not from the stand-in. Examples that rely on stemming are left out (the
 * stand-in does not stem; see the README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Document } from 'mongodb';
import { startHarness, type Harness } from './testing';

let h: Harness;
let articles: Collection<{ _id?: any; [k: string]: any }>;
const codeOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'no error', (e) => e.code);
const ids = async (filter: Document): Promise<number[]> => (await articles.find(filter).toArray()).map((d) => d._id).sort();

// https://www.mongodb.com/docs/manual/reference/operator/query/text/ ("Examples": articles)
beforeAll(async () => {
  h = await startHarness('differential-text');
  articles = h.db.collection('articles');
  await articles.createIndex({ subject: 'text' });
  await articles.insertMany([
    { _id: 1, subject: 'coffee', author: 'xyz', views: 50 },
    { _id: 2, subject: 'Coffee Shopping', author: 'efg', views: 5 },
    { _id: 3, subject: 'Baking a cake', author: 'abc', views: 90 },
    { _id: 4, subject: 'baking', author: 'xyz', views: 100 },
    { _id: 5, subject: 'Café Con Leche', author: 'abc', views: 200 },
    { _id: 6, subject: 'Сырники', author: 'jkl', views: 80 },
    { _id: 7, subject: 'coffee and cream', author: 'efg', views: 10 },
    { _id: 8, subject: 'Cafe con Leche', author: 'xyz', views: 10 },
  ] as Document[]);
});
afterAll(async () => {
  await h.close();
});

describe('$text (docs: reference/operator/query/text)', () => {
  it('"Search for a Single Word" and "Search a Different Language"', async () => {
    expect(await ids({ $text: { $search: 'coffee' } })).toEqual([1, 2, 7]);
    expect(await ids({ $text: { $search: 'leche', $language: 'es' } })).toEqual([5, 8]);
  });

  it('"Search for a Phrase"', async () => {
    expect(await ids({ $text: { $search: '"coffee shop"' } })).toEqual([2]);
  });

  it('"Case and Diacritic Insensitive Search" by default; "Case Sensitive" and "Diacritic Sensitive" on request', async () => {
    expect(await ids({ $text: { $search: 'сы́рники' } })).toEqual([6]);
    expect(await ids({ $text: { $search: 'CAFE' } })).toEqual([5, 8]);
    expect(await ids({ $text: { $search: 'Coffee', $caseSensitive: true } })).toEqual([2]);
    expect(await ids({ $text: { $search: '"Café Con Leche"', $caseSensitive: true } })).toEqual([5]);
    expect(await ids({ $text: { $search: 'CAFÉ', $diacriticSensitive: true } })).toEqual([5]);
  });

  it('"Return the Text Search Score"', async () => {
    const docs = await articles.find({ $text: { $search: 'cake' } }, { projection: { score: { $meta: 'textScore' } } }).toArray();
    expect(docs).toEqual([{ _id: 3, subject: 'Baking a cake', author: 'abc', views: 90, score: 0.75 }]);
  });

  it('"Sort by Text Score and Additional Sort"', async () => {
    const docs = await articles
      .find({ $text: { $search: 'coffee' } }, { projection: { score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' }, views: -1 })
      .toArray();
    expect(docs.map((d) => [d._id, d.score])).toEqual([[1, 1], [7, 0.75], [2, 0.75]]);
  });

  // https://www.mongodb.com/docs/manual/tutorial/text-search-in-aggregation/ ($text in the first $match, $meta in $sort/$project)
  it('aggregation: $match with $text, then $sort and $project on the score', async () => {
    const out = await articles
      .aggregate([
        { $match: { $text: { $search: 'coffee' } } },
        { $sort: { score: { $meta: 'textScore' }, _id: 1 } },
        { $project: { _id: 1, score: { $meta: 'textScore' } } },
      ])
      .toArray();
    expect(out).toEqual([{ _id: 1, score: 1 }, { _id: 2, score: 0.75 }, { _id: 7, score: 0.75 }]);
  });
});

describe('text indexes (docs: core/indexes/index-types/index-text)', () => {
  // https://www.mongodb.com/docs/manual/core/indexes/index-types/index-text/ ("A collection can have at most one text index")
  it('lists as {_fts, _ftsx} with weights; a second text index is refused (85)', async () => {
    const index = (await articles.listIndexes().toArray()).find((i) => i.name === 'subject_text');
    expect(index).toMatchObject({ key: { _fts: 'text', _ftsx: 1 }, weights: { subject: 1 }, default_language: 'english', language_override: 'language' });
    expect(await codeOf(articles.createIndex({ author: 'text' }))).toBe(85);
  });

  // https://www.mongodb.com/docs/manual/reference/operator/query/text/ ("Restrictions": a text index is required)
  it('$text without a text index fails with IndexNotFound (27)', async () => {
    const plain = h.db.collection('plain');
    await plain.insertOne({ subject: 'x' });
    expect(await codeOf(plain.find({ $text: { $search: 'x' } }).toArray())).toBe(27);
  });
});
