/**
 * Differential checks for pipeline updates, `_id` handling and the 7.0 version gate. Each
 * expectation comes from the MongoDB documentation page cited beside it, not from the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Document } from 'mongodb';
import { startHarness, type Harness } from './testing';

let h: Harness;
let n = 0;
// Documents with non-ObjectId _ids, as the pages' examples use.
const fresh = (): Collection<{ _id?: any; [k: string]: any }> => h.db.collection(`u${++n}`);
const codeOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'no error', (e) => e.code);

beforeAll(async () => {
  h = await startHarness('differential-updates');
});
afterAll(async () => {
  await h.close();
});

describe('updates with an aggregation pipeline', () => {
  // https://www.mongodb.com/docs/manual/tutorial/update-documents-with-aggregation-pipeline/
  it('$set with $$NOW (tutorial: "updateOne with $set")', async () => {
    const c = fresh();
    await c.insertOne({ _id: 3, test1: 95, test2: 110 } as Document);
    const r = await c.updateOne({ _id: 3 } as Document, [{ $set: { test3: 98, modified: '$$NOW' } }]);
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const doc = await c.findOne({ _id: 3 } as Document);
    expect(doc).toMatchObject({ _id: 3, test1: 95, test2: 110, test3: 98 });
    expect(doc?.modified).toBeInstanceOf(Date);
  });

  // Same page: "updateMany with $replaceRoot and $set".
  it('$replaceRoot with $mergeObjects fills defaults and keeps _id first', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, quiz1: 8, test2: 100, quiz2: 9 }, { _id: 2, quiz2: 5, test1: 80, test2: 89 }] as Document[]);
    await c.updateMany({}, [{ $replaceRoot: { newRoot: { $mergeObjects: [{ quiz1: 0, quiz2: 0, test1: 0, test2: 0 }, '$$ROOT'] } } }]);
    const docs = await c.find().sort({ _id: 1 }).toArray();
    expect(docs).toEqual([
      { _id: 1, quiz1: 8, quiz2: 9, test1: 0, test2: 100 },
      { _id: 2, quiz1: 0, quiz2: 5, test1: 80, test2: 89 },
    ]);
    expect(docs.map((d) => Object.keys(d)[0])).toEqual(['_id', '_id']);
  });

  // Same page: "updateMany with $set" ($avg, $trunc, then $switch in a second stage).
  it('several $set stages, each seeing the previous one', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, tests: [95, 92, 90] }, { _id: 2, tests: [94, 88, 90] }, { _id: 3, tests: [70, 75, 82] }] as Document[]);
    const grade = { $switch: { branches: [{ case: { $gte: ['$average', 90] }, then: 'A' }, { case: { $gte: ['$average', 80] }, then: 'B' }, { case: { $gte: ['$average', 70] }, then: 'C' }], default: 'F' } };
    await c.updateMany({}, [{ $set: { average: { $trunc: [{ $avg: '$tests' }, 0] } } }, { $set: { grade } }]);
    expect(await c.find().sort({ _id: 1 }).project({ _id: 1, average: 1, grade: 1 }).toArray()).toEqual([
      { _id: 1, average: 92, grade: 'A' },
      { _id: 2, average: 90, grade: 'A' },
      { _id: 3, average: 75, grade: 'C' },
    ]);
  });

  // https://www.mongodb.com/docs/manual/reference/method/db.collection.updateOne/ ("Update with Aggregation Pipeline")
  it('$set then $unset (updateOne page: members)', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, member: 'abc123', status: 'A', points: 2, misc1: 'note to self: confirm status', misc2: 'Need to activate' } as Document);
    await c.updateOne({ _id: 1 } as Document, [{ $set: { status: 'Modified', comments: ['$misc1', '$misc2'] } }, { $unset: ['misc1', 'misc2'] }]);
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({
      _id: 1, member: 'abc123', status: 'Modified', points: 2, comments: ['note to self: confirm status', 'Need to activate'],
    });
  });

  // https://www.mongodb.com/docs/manual/reference/operator/aggregation/setField/ ("Update Fields that Contain Periods", "Remove Fields that Contain Periods")
  it('$replaceWith with $setField adds and removes a field whose name has a period', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, item: 'sweatshirt', qty: 300, 'price.usd': 45.99 }, { _id: 2, item: 'winter coat', qty: 200, 'price.usd': 499.99 }] as Document[]);
    await c.updateOne({ _id: 1 } as Document, [{ $replaceWith: { $setField: { field: 'price.usd', input: '$$ROOT', value: 49.99 } } }]);
    await c.updateOne({ _id: 2 } as Document, [{ $replaceWith: { $setField: { field: 'price.usd', input: '$$ROOT', value: '$$REMOVE' } } }]);
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, item: 'sweatshirt', qty: 300, 'price.usd': 49.99 },
      { _id: 2, item: 'winter coat', qty: 200 },
    ]);
  });

  // https://www.mongodb.com/docs/manual/reference/operator/aggregation/replaceWith/ (with $mergeObjects, as a patch)
  it('$replaceWith {$mergeObjects: [$$ROOT, patch]} through findOneAndUpdate and bulkWrite', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, a: 1 }, { _id: 2, a: 2 }] as Document[]);
    const after = await c.findOneAndUpdate({ _id: 1 } as Document, [{ $replaceWith: { $mergeObjects: ['$$ROOT', { b: 2 }] } }], { returnDocument: 'after' });
    expect(after).toEqual({ _id: 1, a: 1, b: 2 });
    const r = await c.bulkWrite([{ updateOne: { filter: { _id: 2 }, update: [{ $replaceWith: { $mergeObjects: ['$$ROOT', { c: 3 }] } }] } }]);
    expect(r.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 2 } as Document)).toEqual({ _id: 2, a: 2, c: 3 });
  });

  // https://www.mongodb.com/docs/manual/reference/method/db.collection.updateOne/ ("upsert" with a pipeline)
  it('an upsert runs the pipeline over the filter equalities', async () => {
    const c = fresh();
    const r = await c.updateOne({ _id: 'k', kind: 'x' } as Document, [{ $set: { n: { $add: [1, 2] } } }], { upsert: true });
    expect(r.upsertedId).toBe('k');
    expect(await c.findOne({ _id: 'k' } as Document)).toEqual({ _id: 'k', kind: 'x', n: 3 });
  });

  // https://www.mongodb.com/docs/manual/reference/method/db.collection.updateMany/ (pipeline stages allowed in updates)
  it('refuses stages that updates do not allow', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1 } as Document);
    expect(await codeOf(c.updateOne({ _id: 1 } as Document, [{ $match: { a: 1 } }]))).toBe(72);
  });
});

describe('_id is immutable (docs: the _id field)', () => {
  // https://www.mongodb.com/docs/manual/core/document/#the-_id-field and error code 66 ImmutableField
  it('a pipeline that changes _id fails with 66; one that drops _id keeps it', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, a: 1 } as Document);
    expect(await codeOf(c.updateOne({ _id: 1 } as Document, [{ $set: { _id: 2 } }]))).toBe(66);
    expect(await codeOf(c.updateOne({ _id: 1 } as Document, [{ $replaceWith: { _id: 3, a: 1 } }]))).toBe(66);
    expect(await codeOf(c.replaceOne({ _id: 1 } as Document, { _id: 4, a: 1 }))).toBe(66);
    expect(await codeOf(c.updateOne({ _id: 1 } as Document, { $set: { _id: 5 } }))).toBe(66);
    await c.updateOne({ _id: 1 } as Document, [{ $replaceWith: { b: 2 } }]);
    await c.updateOne({ _id: 1 } as Document, [{ $unset: '_id' }]);
    expect(await c.find().toArray()).toEqual([{ _id: 1, b: 2 }]);
  });

  it('setting _id to its current value is allowed', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, a: 1 } as Document);
    expect(await codeOf(c.updateOne({ _id: 1 } as Document, [{ $set: { _id: 1, a: 2 } }]))).toBe('no error');
    expect(await c.findOne({ _id: 1 } as Document)).toEqual({ _id: 1, a: 2 });
  });
});

describe('_id values (docs: the _id field, field names with periods and dollar signs)', () => {
  // https://www.mongodb.com/docs/manual/core/document/#the-_id-field: any BSON type but array, regex and undefined.
  it('stores _id: null from an insert, an upsert and a bulkWrite upsert', async () => {
    const a = fresh();
    await h.db.command({ insert: a.collectionName, documents: [{ _id: null, v: 1 }] });
    expect(await a.find().toArray()).toEqual([{ _id: null, v: 1 }]);
    const b = fresh();
    await b.updateOne({ _id: null } as Document, { $set: { v: 2 } }, { upsert: true });
    expect(await b.find().toArray()).toEqual([{ _id: null, v: 2 }]);
    const c = fresh();
    await c.bulkWrite([{ replaceOne: { filter: { _id: null }, replacement: { v: 3 }, upsert: true } }]);
    expect(await c.find().toArray()).toEqual([{ _id: null, v: 3 }]);
  });

  // https://www.mongodb.com/docs/manual/core/dot-dollar-considerations/ ("_id field" cannot hold $-prefixed names)
  it('refuses an _id with $-prefixed fields (52), an array or a regex (2)', async () => {
    const c = fresh();
    const insert = (_id: unknown) => codeOf(h.db.command({ insert: c.collectionName, documents: [{ _id }] }).then((r) => {
      if (r.writeErrors) throw r.writeErrors[0];
    }));
    expect(await insert({ $a: 1 })).toBe(52);
    expect(await insert([1])).toBe(2);
    expect(await insert(/x/)).toBe(2);
    expect(await c.countDocuments()).toBe(0);
  });
});

describe('a 7.0 server refuses 8.0-only options', () => {
  // https://www.mongodb.com/docs/manual/reference/method/db.collection.updateOne/ ("sort", new in version 8.0)
  // https://www.mongodb.com/docs/manual/reference/method/db.collection.replaceOne/ ("sort", new in version 8.0)
  it('sort on updateOne, replaceOne and bulkWrite updateOne/replaceOne fails as an unknown field (40415)', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 2 }] as Document[]);
    expect(await codeOf(c.updateOne({}, { $set: { x: 1 } }, { sort: { v: -1 } } as never))).toBe(40415);
    expect(await codeOf(c.replaceOne({}, { x: 1 }, { sort: { v: -1 } } as never))).toBe(40415);
    expect(await codeOf(c.bulkWrite([{ updateOne: { filter: {}, update: { $set: { x: 1 } }, sort: { v: -1 } } as never }]))).toBe(40415);
    expect(await codeOf(c.bulkWrite([{ replaceOne: { filter: {}, replacement: { x: 1 }, sort: { v: -1 } } as never }]))).toBe(40415);
    expect(await c.countDocuments({ x: 1 })).toBe(0);
  });

  // https://www.mongodb.com/docs/manual/reference/command/findAndModify/ (sort has always been accepted there)
  it('findOneAndUpdate keeps its sort', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 2 }] as Document[]);
    expect(await c.findOneAndUpdate({}, { $set: { x: 1 } }, { sort: { v: -1 } })).toEqual({ _id: 2, v: 2 });
  });
});
