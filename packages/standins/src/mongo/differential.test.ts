/**
 * Differential checks: each expectation is written by hand from MongoDB's documented
 * semantics (not captured from the stand-in), so a drift from real MongoDB fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Long, type Collection, type Document } from 'mongodb';
import { startHarness, type Harness } from './testing';

let h: Harness;
let n = 0;
const fresh = (): Collection<Document> => h.db.collection(`d${++n}`);

beforeAll(async () => {
  h = await startHarness('differential');
});
afterAll(async () => {
  await h.close();
});

describe('updates (docs: update operators)', () => {
  it('upsert takes _id and equality fields from the filter and reports upsertedId', async () => {
    const c = fresh();
    const r = await c.updateOne({ _id: 'x', k: 5, n: { $gt: 1 } } as Document, { $set: { z: 1 } }, { upsert: true });
    expect(r).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: 'x' });
    expect(await c.findOne({ _id: 'x' } as Document)).toEqual({ _id: 'x', k: 5, z: 1 });
  });

  it('$inc on a missing field creates it; $mul on a missing field sets 0', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1 } as Document);
    await c.updateOne({ _id: 1 } as Document, { $inc: { a: 3, b: -2 }, $mul: { m: 5 } });
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, a: 3, b: -2, m: 0 });
  });

  it('$set on a dotted path creates embedded documents', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1 } as Document);
    await c.updateOne({ _id: 1 } as Document, { $set: { 'a.b.c': 1 } });
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, a: { b: { c: 1 } } });
  });

  it('$push creates a new array; $each appends several', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1 } as Document);
    await c.updateOne({ _id: 1 } as Document, { $push: { list: 'x' } } as Document);
    await c.updateOne({ _id: 1 } as Document, { $push: { list: { $each: ['y', 'z'] } } } as Document);
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, list: ['x', 'y', 'z'] });
  });

  it('$addToSet does not add duplicates; an unchanged document is not counted as modified', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, s: [1, 2] } as Document);
    const same = await c.updateOne({ _id: 1 } as Document, { $addToSet: { s: 2 } } as Document);
    expect(same).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    await c.updateOne({ _id: 1 } as Document, { $addToSet: { s: { $each: [2, 3, 3] } } } as Document);
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, s: [1, 2, 3] });
    const unset = await c.updateOne({ _id: 1 } as Document, { $unset: { absent: '' } });
    expect(unset.modifiedCount).toBe(0);
  });

  it('$pull, $pop, $rename, $min and $max', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, a: [1, 2, 3, 2], b: [1, 2, 3], old: 'v', lo: 5, hi: 5 } as Document);
    await c.updateOne({ _id: 1 } as Document, { $pull: { a: 2 }, $pop: { b: -1 }, $rename: { old: 'new' }, $min: { lo: 3 }, $max: { hi: 4 } } as Document);
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, a: [1, 3], b: [2, 3], lo: 3, hi: 5, new: 'v' });
  });

  it('arrayFilters and the positional $ operator update the matching elements', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, grades: [95, 80, 92], items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 1 }] } as Document);
    await c.updateOne({ _id: 1 } as Document, { $set: { 'grades.$[g]': 100 } }, { arrayFilters: [{ g: { $gte: 90 } }] });
    await c.updateOne({ _id: 1, 'items.sku': 'b' } as Document, { $set: { 'items.$.qty': 5 } });
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({
      _id: 1,
      grades: [100, 80, 100],
      items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 5 }],
    });
  });

  it('an update that matches nothing (no upsert) changes nothing', async () => {
    const c = fresh();
    const r = await c.updateOne({ nope: 1 }, { $set: { a: 1 } });
    expect(r).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null });
    expect(await c.countDocuments()).toBe(0);
  });

  it('replaceOne with upsert keeps the filter _id', async () => {
    const c = fresh();
    const r = await c.replaceOne({ _id: 9 } as Document, { v: 1 }, { upsert: true });
    expect(r.upsertedId).toBe(9);
    expect(await c.findOne({ _id: 9 } as Document)).toEqual({ _id: 9, v: 1 });
  });
});

describe('findOneAndX (docs: findAndModify)', () => {
  it('findOneAndUpdate returns the pre-image by default', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, v: 1 } as Document);
    expect(await c.findOneAndUpdate({ _id: 1 } as Document, { $inc: { v: 1 } })).toEqual({ _id: 1, v: 1 });
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, v: 2 });
  });

  it('on upsert, the pre-image is null and returnDocument after gives the new document', async () => {
    const c = fresh();
    expect(await c.findOneAndUpdate({ _id: 1 } as Document, { $set: { v: 1 } }, { upsert: true })).toBeNull();
    expect(await c.findOneAndUpdate({ _id: 2 } as Document, { $set: { v: 2 } }, { upsert: true, returnDocument: 'after' })).toEqual({ _id: 2, v: 2 });
  });

  it('findOneAndDelete removes the first document in sort order', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, p: 2 }, { _id: 2, p: 9 }, { _id: 3, p: 5 }] as Document[]);
    expect(await c.findOneAndDelete({}, { sort: { p: -1 } })).toEqual({ _id: 2, p: 9 });
    expect(await c.countDocuments()).toBe(2);
  });
});

describe('queries and cursors (docs: find, sort, limit)', () => {
  const seed = [{ _id: 1, v: 2 }, { _id: 2 }, { _id: 3, v: null }, { _id: 4, v: 1 }, { _id: 5, v: 'a' }];

  it('sorts null and missing first ascending, numbers before strings, last descending', async () => {
    const c = fresh();
    await c.insertMany(seed as Document[]);
    const asc = await c.find().sort({ v: 1, _id: 1 }).toArray();
    expect(asc.map((d) => d._id)).toEqual([2, 3, 4, 1, 5]);
    const desc = await c.find().sort({ v: -1, _id: 1 }).toArray();
    expect(desc.map((d) => d._id)).toEqual([5, 1, 4, 2, 3]);
  });

  it('limit(0) means no limit; a negative limit returns |n| in one batch; skip past the end is empty', async () => {
    const c = fresh();
    await c.insertMany(seed as Document[]);
    expect(await c.find().limit(0).toArray()).toHaveLength(5);
    const neg = c.find().sort({ _id: 1 }).limit(-2);
    expect((await neg.next())?._id).toBe(1);
    expect(neg.id?.isZero()).toBe(true); // no server cursor left open
    expect((await neg.toArray()).map((d) => d._id)).toEqual([2]);
    expect(await c.find().skip(10).toArray()).toEqual([]);
  });

  it('equality on an array field matches an element; $exists false and $nin match missing fields', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, tags: ['a', 'b'] }, { _id: 2, tags: ['c'] }, { _id: 3 }] as Document[]);
    expect((await c.find({ tags: 'a' }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await c.find({ tags: { $exists: false } }).toArray()).map((d) => d._id)).toEqual([3]);
    expect((await c.find({ tags: { $nin: ['a'] } }).toArray()).map((d) => d._id)).toEqual([2, 3]);
  });

  it('deleteOne deletes only one matching document', async () => {
    const c = fresh();
    await c.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }]);
    expect((await c.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect(await c.countDocuments({ k: 1 })).toBe(2);
  });

  it('countDocuments honours skip and limit; distinct flattens arrays', async () => {
    const c = fresh();
    await c.insertMany([{ t: ['x', 'y'] }, { t: 'x' }, { t: ['z'] }, {}]);
    expect(await c.countDocuments({}, { skip: 1 })).toBe(3);
    expect(await c.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await c.countDocuments({ t: 'x' })).toBe(2);
    expect((await c.distinct('t')).sort()).toEqual(['x', 'y', 'z']);
  });

  it('an embedded-document _id is matched by exact value', async () => {
    const c = fresh();
    await c.insertOne({ _id: { a: 1, b: 2 }, v: 1 } as Document);
    expect(await c.findOne({ _id: { a: 1, b: 2 } } as Document)).toEqual({ _id: { a: 1, b: 2 }, v: 1 });
    expect(await c.findOne({ _id: { b: 2, a: 1 } } as Document)).toBeNull();
  });

  it('int64 values round-trip exactly, including beyond 2^53', async () => {
    const c = fresh();
    const big = Long.fromString('9007199254740993');
    await c.insertOne({ _id: 1, big, small: Long.fromNumber(42) } as Document);
    const doc = await c.findOne({ _id: 1 } as Document, { promoteLongs: false });
    expect(doc?.big.toString()).toBe('9007199254740993');
    expect(await c.findOne({ big } as Document, { projection: { _id: 1 } })).toEqual({ _id: 1 });
    expect((await c.findOne({ _id: 1 } as Document))?.small).toBe(42);
  });
});
