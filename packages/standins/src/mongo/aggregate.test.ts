import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('agg');
  await h.db.collection('orders').insertMany([
    { _id: 1, user: 'u1', total: 10, items: ['a', 'b'] },
    { _id: 2, user: 'u2', total: 5, items: ['b'] },
    { _id: 3, user: 'u1', total: 7, items: ['c'] },
    { _id: 4, user: 'u3', total: 1, items: [] },
  ] as never[]);
  await h.db.collection('people').insertMany([
    { _id: 'u1', name: 'Ada' },
    { _id: 'u2', name: 'Bob' },
  ] as never[]);
});
afterAll(async () => {
  await h.close();
});

describe('aggregate and friends', () => {
  it('runs $match, $group and $sort', async () => {
    const out = await h.db
      .collection('orders')
      .aggregate([{ $match: { total: { $gte: 5 } } }, { $group: { _id: '$user', sum: { $sum: '$total' }, n: { $sum: 1 } } }, { $sort: { sum: -1 } }])
      .toArray();
    expect(out).toEqual([
      { _id: 'u1', sum: 17, n: 2 },
      { _id: 'u2', sum: 5, n: 1 },
    ]);
  });

  it('joins with $lookup, reshapes with $unwind/$set/$project and counts with $count', async () => {
    const out = await h.db
      .collection('orders')
      .aggregate([
        { $lookup: { from: 'people', localField: 'user', foreignField: '_id', as: 'who' } },
        { $unwind: '$who' },
        { $set: { name: '$who.name' } },
        { $project: { _id: 1, name: 1 } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { _id: 1, name: 'Ada' },
      { _id: 2, name: 'Bob' },
      { _id: 3, name: 'Ada' },
    ]);
    const [count] = await h.db.collection('orders').aggregate([{ $unwind: '$items' }, { $count: 'n' }]).toArray();
    expect(count).toEqual({ n: 4 });
    // the joined collection is untouched by the pipeline
    expect(await h.db.collection('people').findOne({ _id: 'u1' as never })).toEqual({ _id: 'u1', name: 'Ada' });
  });

  it('aggregates over more than one batch', async () => {
    const c = h.db.collection('nums');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
    const out = await c.aggregate([{ $sort: { i: -1 } }], { batchSize: 50 }).toArray();
    expect(out).toHaveLength(300);
    expect(out[0]!.i).toBe(299);
  });

  it('distinct, countDocuments and estimatedDocumentCount', async () => {
    const orders = h.db.collection('orders');
    expect((await orders.distinct('user')).sort()).toEqual(['u1', 'u2', 'u3']);
    expect((await orders.distinct('items', { user: 'u1' })).sort()).toEqual(['a', 'b', 'c']);
    expect(await orders.countDocuments({ user: 'u1' })).toBe(2);
    expect(await orders.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await orders.estimatedDocumentCount()).toBe(4);
    expect(await h.db.collection('nothing-here').estimatedDocumentCount()).toBe(0);
  });

  it('writes the result with $out', async () => {
    await h.db.collection('orders').aggregate([{ $match: { user: 'u1' } }, { $out: 'u1_orders' }]).toArray();
    expect(await h.db.collection('u1_orders').countDocuments()).toBe(2);
  });
});

describe('catalog commands', () => {
  it('creates, lists and drops collections', async () => {
    await h.db.createCollection('made');
    expect((await h.db.createCollection('made').catch((e) => e)).code).toBe(48);
    const names = (await h.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['made', 'nums', 'orders', 'people', 'u1_orders']);
    const [only] = await h.db.listCollections({ name: 'orders' }).toArray();
    expect(only).toMatchObject({ name: 'orders', type: 'collection' });
    expect(await h.db.collection('made').drop()).toBe(true);
    expect(await h.db.collection('made').drop()).toBe(true); // MongoDB 7: dropping a missing collection succeeds
    expect(await h.db.listCollections({ name: 'made' }).toArray()).toEqual([]);
  });

  it('renames a collection', async () => {
    await h.db.collection('u1_orders').rename('mine');
    expect(await h.db.collection('mine').countDocuments()).toBe(2);
  });

  it('lists and drops databases', async () => {
    const other = h.client.db('agg_other');
    await other.collection('x').insertOne({ a: 1 });
    const { databases } = await h.client.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).toEqual(expect.arrayContaining(['agg', 'agg_other']));
    expect(await other.dropDatabase()).toBe(true);
    const after = await h.client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain('agg_other');
  });
});
