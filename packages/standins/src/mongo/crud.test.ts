import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { startHarness, type Harness } from './testing';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('crud');
});
afterAll(async () => {
  await h.close();
});

describe('CRUD', () => {
  it('inserts and finds documents, adding _id when missing', async () => {
    const c = h.db.collection('basics');
    const one = await c.insertOne({ name: 'ada', n: 1 });
    expect(one.insertedId).toBeInstanceOf(ObjectId);
    const many = await c.insertMany([{ _id: 'b' as never, name: 'bob', n: 2 }, { name: 'cy', n: 3 }]);
    expect(many.insertedCount).toBe(2);
    const ada = await c.findOne({ _id: one.insertedId });
    expect(ada).toEqual({ _id: one.insertedId, name: 'ada', n: 1 });
    expect(Object.keys(ada!)[0]).toBe('_id');
    expect(await c.findOne({ _id: 'b' as never })).toMatchObject({ name: 'bob' });
    expect(await c.find({ n: { $gte: 2 } }).toArray()).toHaveLength(2);
    expect(await c.findOne({ name: 'nobody' })).toBeNull();
  });

  it('sorts, skips, limits and projects', async () => {
    const c = h.db.collection('shape');
    await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ i, group: i % 3, tag: `t${i}` })));
    const docs = await c.find({}, { projection: { _id: 0, i: 1 } }).sort({ group: -1, i: 1 }).skip(2).limit(4).toArray();
    expect(docs).toEqual([{ i: 8 }, { i: 11 }, { i: 14 }, { i: 17 }]);
    const excl = await c.findOne({ i: 5 }, { projection: { tag: 0, _id: 0 } });
    expect(excl).toEqual({ i: 5, group: 2 });
  });

  it('streams 1,500 documents with batchSize through getMore', async () => {
    const c = h.db.collection('big');
    await c.insertMany(Array.from({ length: 1500 }, (_, i) => ({ i })));
    const seen: number[] = [];
    for await (const d of c.find({}, { batchSize: 100 }).sort({ i: 1 })) seen.push(d.i);
    expect(seen).toHaveLength(1500);
    expect(seen[0]).toBe(0);
    expect(seen[1499]).toBe(1499);
    expect(await c.countDocuments()).toBe(1500);
  });

  it('kills a cursor closed early, after which getMore fails', async () => {
    const c = h.db.collection('big');
    const cursor = c.find({}, { batchSize: 10 });
    await cursor.next();
    const id = cursor.id!;
    expect(id.isZero()).toBe(false);
    await cursor.close();
    const err = await h.db.command({ getMore: id, collection: 'big' }).catch((e) => e);
    expect(err.code).toBe(43);
  });

  it('applies $set, $inc, $push and $unset', async () => {
    const c = h.db.collection('ops');
    const { insertedId } = await c.insertOne({ a: 1, gone: true, list: [1] });
    const r = await c.updateOne({ _id: insertedId }, { $set: { b: 'x' }, $inc: { a: 2 }, $push: { list: 2 } as never, $unset: { gone: '' } });
    expect(r).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, a: 3, b: 'x', list: [1, 2] });
  });

  it('upserts with $setOnInsert only when inserting', async () => {
    const c = h.db.collection('upserts');
    const first = await c.updateOne({ key: 'k' }, { $set: { seen: 1 }, $setOnInsert: { created: 'first' } }, { upsert: true });
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const second = await c.updateOne({ key: 'k' }, { $set: { seen: 2 }, $setOnInsert: { created: 'second' } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await c.findOne({ key: 'k' }, { projection: { _id: 0 } })).toEqual({ key: 'k', seen: 2, created: 'first' });
  });

  it('updateMany, replaceOne and deleteMany', async () => {
    const c = h.db.collection('many');
    await c.insertMany([{ k: 1, s: 'a' }, { k: 1, s: 'b' }, { k: 2, s: 'c' }]);
    expect(await c.updateMany({ k: 1 }, { $set: { flag: true } })).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const rep = await c.replaceOne({ s: 'c' }, { s: 'C', replaced: true });
    expect(rep).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ s: 'C' }, { projection: { _id: 0 } })).toEqual({ s: 'C', replaced: true });
    expect((await c.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(1);
  });

  it('findOneAndUpdate with returnDocument after, sort and projection', async () => {
    const c = h.db.collection('fam');
    await c.insertMany([{ q: 1, v: 10 }, { q: 1, v: 20 }]);
    const doc = await c.findOneAndUpdate({ q: 1 }, { $inc: { v: 1 } }, { sort: { v: -1 }, returnDocument: 'after', projection: { _id: 0 } });
    expect(doc).toEqual({ q: 1, v: 21 });
    const removed = await c.findOneAndDelete({ v: 10 });
    expect(removed).toMatchObject({ v: 10 });
    expect(await c.countDocuments()).toBe(1);
  });

  it('rejects changing _id with code 66', async () => {
    const c = h.db.collection('immutable');
    await c.insertOne({ _id: 1 as never, a: 1 });
    const err = await c.replaceOne({ _id: 1 as never }, { _id: 2, a: 2 } as never).catch((e) => e);
    expect(err.code).toBe(66);
  });

  it('projects copies: an exclusion projection never edits the stored document', async () => {
    const c = h.db.collection('projection');
    await c.insertOne({ _id: 1 as never, a: { b: 1, c: 2 }, tag: 't' });
    expect(await c.findOne({}, { projection: { tag: 0, 'a.b': 0 } })).toEqual({ _id: 1, a: { c: 2 } });
    expect(await c.findOne({})).toEqual({ _id: 1, a: { b: 1, c: 2 }, tag: 't' });
  });

  it('fails $inc on a non-numeric field with TypeMismatch (14)', async () => {
    const c = h.db.collection('typed');
    await c.insertOne({ _id: 1 as never, s: 'text' });
    expect((await c.updateOne({ _id: 1 as never }, { $inc: { s: 1 } } as never).catch((e) => e)).code).toBe(14);
  });
});
