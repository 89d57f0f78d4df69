/**
 * Differential checks for collation. Each expectation comes from the MongoDB documentation
 * page cited beside it, not from the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Document } from 'mongodb';
import { startHarness, type Harness } from './testing';

let h: Harness;
let n = 0;
const fresh = (): Collection<Document> => h.db.collection(`c${++n}`);
const codeOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'no error', (e) => e.code);
const en = (strength: number, extra: Document = {}) => ({ locale: 'en', strength, ...extra });
const ids = (docs: Document[]) => docs.map((d) => d._id).sort();

beforeAll(async () => {
  h = await startHarness('differential-collation');
});
afterAll(async () => {
  await h.close();
});

describe('case-insensitive indexes (docs: core/index-case-insensitive)', () => {
  // https://www.mongodb.com/docs/manual/core/index-case-insensitive/ ("Examples": fruit)
  it('a query finds the case variants only with a matching collation', async () => {
    const c = fresh();
    await c.createIndex({ type: 1 }, { collation: en(2) });
    await c.insertMany([{ _id: 1, type: 'apple' }, { _id: 2, type: 'Apple' }, { _id: 3, type: 'APPLE' }] as Document[]);
    expect(ids(await c.find({ type: 'apple' }).toArray())).toEqual([1]);
    expect(ids(await c.find({ type: 'apple' }).collation(en(2)).toArray())).toEqual([1, 2, 3]);
    expect(ids(await c.find({ type: 'apple' }).collation(en(1)).toArray())).toEqual([1, 2, 3]);
  });

  // Same page: "Case Insensitive Indexes on Collections with a Default Collation" (names).
  it('a collection default collation applies to its indexes and queries; an explicit one overrides it', async () => {
    const name = `c${++n}`;
    await h.db.createCollection(name, { collation: { locale: 'fr_CA', strength: 2 } });
    const c = h.db.collection(name);
    await c.createIndex({ first_name: 1 });
    await c.insertMany([{ _id: 1, first_name: 'Betsy' }, { _id: 2, first_name: 'BETSY' }, { _id: 3, first_name: 'betsy' }] as Document[]);
    expect(ids(await c.find({ first_name: 'betsy' }).toArray())).toEqual([1, 2, 3]);
    expect(ids(await c.find({ first_name: 'betsy' }).collation({ locale: 'fr_CA' }).toArray())).toEqual([3]);
    const [, index] = await c.listIndexes().toArray();
    expect(index?.collation).toMatchObject({ locale: 'fr_CA', strength: 2, caseLevel: false });
  });

  // https://www.mongodb.com/docs/manual/reference/collation/ (collation on createIndex) with a unique index.
  it('a unique index with strength 2 refuses a case variant (11000) and frees it on delete', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true, collation: en(2) });
    await c.insertOne({ email: 'Ada@Example.com' });
    const err = await c.insertOne({ email: 'ada@example.com' }).catch((e) => e);
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(await codeOf(c.insertOne({ email: 'ádá@example.com' }))).toBe('no error'); // diacritics count at strength 2
    await c.deleteOne({ email: 'ADA@example.com' }, { collation: en(2) });
    expect(await codeOf(c.insertOne({ email: 'ada@example.com' }))).toBe('no error');
    expect(await c.findOne({ email: 'ADA@EXAMPLE.COM' }, { collation: en(2) })).toMatchObject({ email: 'ada@example.com' });
  });

  it('building a unique index over existing case variants fails with 11000', async () => {
    const c = fresh();
    await c.insertMany([{ u: 'X' }, { u: 'x' }]);
    expect(await codeOf(c.createIndex({ u: 1 }, { unique: true, collation: en(2) }))).toBe(11000);
    expect(await codeOf(c.createIndex({ u: 1 }, { unique: true }))).toBe('no error');
  });
});

describe('collation strengths and caseLevel (docs: reference/collation)', () => {
  // https://www.mongodb.com/docs/manual/reference/collation/#collation-document ("strength", "caseLevel")
  const words = [{ _id: 1, w: 'cafe' }, { _id: 2, w: 'Cafe' }, { _id: 3, w: 'café' }, { _id: 4, w: 'Café' }, { _id: 5, w: 'caff' }];

  it('strength 1 ignores case and diacritics, 2 ignores case, 3 ignores neither', async () => {
    const c = fresh();
    await c.insertMany(words as Document[]);
    expect(ids(await c.find({ w: 'cafe' }, { collation: en(1) }).toArray())).toEqual([1, 2, 3, 4]);
    expect(ids(await c.find({ w: 'cafe' }, { collation: en(2) }).toArray())).toEqual([1, 2]);
    expect(ids(await c.find({ w: 'cafe' }, { collation: en(3) }).toArray())).toEqual([1]);
    expect(ids(await c.find({ w: 'cafe' }, { collation: { locale: 'simple' } }).toArray())).toEqual([1]);
  });

  it('caseLevel with strength 1 compares base letters and case, not diacritics', async () => {
    const c = fresh();
    await c.insertMany(words as Document[]);
    expect(ids(await c.find({ w: 'cafe' }, { collation: en(1, { caseLevel: true }) }).toArray())).toEqual([1, 3]);
    expect(ids(await c.find({ w: { $in: ['CAFE', 'Cafe'] } }, { collation: en(1, { caseLevel: true }) }).toArray())).toEqual([2, 4]);
  });

  it('ranges and sorts follow the collation', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, w: 'b' }, { _id: 2, w: 'B' }, { _id: 3, w: 'a' }, { _id: 4, w: 'C' }] as Document[]);
    // Binary order puts upper case first; English puts a < b < c whatever the case.
    expect((await c.find({ w: { $gt: 'a' } }).sort({ w: 1 }).toArray()).map((d) => d.w)).toEqual(['b']);
    expect(ids(await c.find({ w: { $gt: 'a' } }, { collation: en(2) }).toArray())).toEqual([1, 2, 4]);
    expect((await c.find({}, { collation: en(3) }).sort({ w: 1, _id: 1 }).toArray()).map((d) => d.w)).toEqual(['a', 'b', 'B', 'C']);
  });
});

describe('every operation that takes a collation (docs: reference/collation, "Operations that Support Collation")', () => {
  // https://www.mongodb.com/docs/manual/reference/collation/#operations-that-support-collation
  const seed = [{ _id: 1, name: 'Ada' }, { _id: 2, name: 'ada' }, { _id: 3, name: 'ADA' }, { _id: 4, name: 'Bob' }];

  it('countDocuments, distinct and aggregate', async () => {
    const c = fresh();
    await c.insertMany(seed as Document[]);
    expect(await c.countDocuments({ name: 'ada' }, { collation: en(2) })).toBe(3);
    const distinct = await c.distinct('name', {}, { collation: en(2) });
    expect(distinct).toHaveLength(2);
    expect(distinct.map((v) => v.toLowerCase()).sort()).toEqual(['ada', 'bob']);
    const groups = await c.aggregate([{ $match: { name: 'ADA' } }, { $count: 'n' }], { collation: en(2) }).toArray();
    expect(groups).toEqual([{ n: 3 }]);
  });

  it('updateMany, deleteMany and findOneAndUpdate', async () => {
    const c = fresh();
    await c.insertMany(seed as Document[]);
    expect((await c.updateMany({ name: 'ada' }, { $set: { seen: true } }, { collation: en(2) })).modifiedCount).toBe(3);
    expect(await c.findOneAndUpdate({ name: 'BOB' }, { $set: { seen: true } }, { collation: en(1), returnDocument: 'after' })).toEqual({ _id: 4, name: 'Bob', seen: true });
    expect((await c.deleteMany({ name: 'aDa' }, { collation: en(2) })).deletedCount).toBe(3);
    expect(await c.countDocuments()).toBe(1);
  });

  it('refuses an unknown locale (2) and a collation without a locale (40414)', async () => {
    const c = fresh();
    expect(await codeOf(c.find({}, { collation: { locale: 'xx-not-a-locale' } }).toArray())).toBe(2);
    expect(await codeOf(c.find({}, { collation: { strength: 2 } as never }).toArray())).toBe(40414);
  });
});
