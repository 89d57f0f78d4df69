import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { until } from '../testing';
import { startHarness, type Harness } from './testing';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('idx', { ttlIntervalMs: 50 });
});
afterAll(async () => {
  await h.close();
});

describe('unique indexes', () => {
  it('rejects a duplicate with code 11000, keyPattern and keyValue', async () => {
    const c = h.db.collection('users');
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await c.insertOne({ email: 'a@x.io' });
    const err = await c.insertOne({ email: 'a@x.io' }).catch((e) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.io' });
    expect(err.message).toBe('E11000 duplicate key error collection: idx.users index: email_1 dup key: { email: "a@x.io" }');
  });

  it('enforces uniqueness on update and frees keys on delete', async () => {
    const c = h.db.collection('users');
    await c.insertOne({ email: 'b@x.io' });
    const err = await c.updateOne({ email: 'b@x.io' }, { $set: { email: 'a@x.io' } }).catch((e) => e);
    expect(err.code).toBe(11000);
    await c.deleteOne({ email: 'a@x.io' });
    await c.updateOne({ email: 'b@x.io' }, { $set: { email: 'a@x.io' } });
    expect(await c.countDocuments({ email: 'a@x.io' })).toBe(1);
  });

  it('rejects a duplicate _id', async () => {
    const c = h.db.collection('ids');
    await c.insertOne({ _id: 7 as never });
    const err = await c.insertOne({ _id: 7 as never }).catch((e) => e);
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ _id: 7 });
    expect(err.message).toContain('index: _id_ dup key: { _id: 7 }');
  });

  it('stops an ordered insertMany at the first error; unordered carries on', async () => {
    const c = h.db.collection('batch');
    const docs = [{ _id: 1 }, { _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }] as never[];
    const ordered = await c.insertMany(docs).catch((e) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect(ordered.code).toBe(11000);
    expect(ordered.result.insertedCount).toBe(1);
    expect(ordered.writeErrors.map((e: { index: number }) => e.index)).toEqual([1]);
    await c.deleteMany({});
    const unordered = await c.insertMany(docs, { ordered: false }).catch((e) => e);
    expect(unordered.result.insertedCount).toBe(3);
    expect(unordered.writeErrors.map((e: { index: number }) => e.index)).toEqual([1, 3]);
    expect(await c.countDocuments()).toBe(3);
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = h.db.collection('dupes');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    const err = await c.createIndex({ k: 1 }, { unique: true }).catch((e) => e);
    expect(err.code).toBe(11000);
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('supports compound, sparse and partial unique indexes', async () => {
    const c = h.db.collection('variants');
    await c.createIndex({ a: 1, b: 1 }, { unique: true });
    await c.insertMany([{ a: 1, b: 1 }, { a: 1, b: 2 }]);
    expect((await c.insertOne({ a: 1, b: 2 }).catch((e) => e)).keyValue).toEqual({ a: 1, b: 2 });
    // a non-sparse index treats a missing field as null: only one such document
    expect((await c.insertMany([{ x: 1 }, { x: 2 }]).catch((e) => e)).writeErrors[0].errmsg).toContain('dup key: { a: null, b: null }');
    const sparse = h.db.collection('sparse');
    await sparse.createIndex({ s: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ x: 1 }, { x: 2 }, { s: 1 }]);
    expect((await sparse.insertOne({ s: 1 }).catch((e) => e)).code).toBe(11000);
    const partial = h.db.collection('partial');
    await partial.createIndex({ p: 1 }, { unique: true, partialFilterExpression: { live: true } });
    await partial.insertMany([{ p: 1, live: false }, { p: 1, live: false }, { p: 1, live: true }]);
    expect((await partial.insertOne({ p: 1, live: true }).catch((e) => e)).code).toBe(11000);
    expect(await partial.countDocuments({ p: 1 })).toBe(3);
  });
});

describe('index management', () => {
  it('lists and drops indexes', async () => {
    const c = h.db.collection('mgmt');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: -1 }, name: 'b_desc', unique: true }]);
    expect((await c.indexes()).map((i) => [i.name, i.key])).toEqual([
      ['_id_', { _id: 1 }],
      ['a_1', { a: 1 }],
      ['b_desc', { b: -1 }],
    ]);
    expect(await c.indexExists('b_desc')).toBe(true);
    await c.dropIndex('a_1');
    expect((await c.dropIndex('nope').catch((e) => e)).code).toBe(27);
    expect((await c.dropIndex('_id_').catch((e) => e)).code).toBe(72);
    await c.dropIndexes();
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
    expect((await h.db.collection('missing').indexes().catch((e) => e)).code).toBe(26);
  });

  it('treats re-creating the same index as a no-op and a renamed one as a conflict', async () => {
    const c = h.db.collection('recreate');
    await c.createIndex({ a: 1 }, { unique: true });
    await c.createIndex({ a: 1 }, { unique: true });
    expect((await c.createIndex({ a: 1 }, { name: 'other' }).catch((e) => e)).code).toBe(85);
  });
});

describe('TTL indexes', () => {
  it('removes documents once their date plus expireAfterSeconds has passed', async () => {
    const c = h.db.collection('sessions');
    await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    const now = Date.now();
    await c.insertMany([
      { s: 'past', expiresAt: new Date(now - 1000) },
      { s: 'soon', expiresAt: new Date(now + 300) },
      { s: 'later', expiresAt: new Date(now + 3_600_000) },
      { s: 'not-a-date', expiresAt: 'tomorrow' },
    ]);
    const expired = () => c.countDocuments({ s: { $in: ['past', 'soon'] } });
    await until('the TTL monitor to remove the expired documents', expired, { timeoutMs: 5000, intervalMs: 25, ok: (n) => n === 0 });
    expect((await c.find().toArray()).map((d) => d.s).sort()).toEqual(['later', 'not-a-date']);
    const ttl = (await c.indexes()).find((i) => i.name === 'expiresAt_1');
    expect(ttl?.expireAfterSeconds).toBe(0);
  });
});
