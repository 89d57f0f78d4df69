/**
 * Differential checks for what a standalone 7.0 server refuses, with the codes it refuses
 * with. Each expectation comes from the MongoDB documentation page cited beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing';

let h: Harness;
const codeOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'no error', (e) => e.code);

beforeAll(async () => {
  h = await startHarness('differential-refusals');
});
afterAll(async () => {
  await h.close();
});

describe('a standalone server', () => {
  // https://www.mongodb.com/docs/manual/changeStreams/ ("Availability": replica sets and sharded clusters only);
  // a standalone answers "The $changeStream stage is only supported on replica sets" (code 40573).
  it('refuses change streams on a collection, a database and the cluster with 40573', async () => {
    const next = (stream: { tryNext(): Promise<unknown>; close(): Promise<void> }) =>
      codeOf(stream.tryNext().finally(() => stream.close()));
    expect(await next(h.db.collection('c').watch())).toBe(40573);
    expect(await next(h.db.watch())).toBe(40573);
    expect(await next(h.client.watch())).toBe(40573);
    expect(await codeOf(h.db.collection('c').aggregate([{ $changeStream: {} }]).toArray())).toBe(40573);
  });

  // https://www.mongodb.com/docs/manual/core/transactions/ ("Transactions and ... Replica Sets / Sharded Clusters");
  // a standalone answers "Transaction numbers are only allowed on a replica set member or mongos" (code 20).
  it('refuses transactions with IllegalOperation (20), writing nothing', async () => {
    const session = h.client.startSession();
    try {
      session.startTransaction();
      expect(await codeOf(h.db.collection('t').findOne({}, { session }))).toBe(20);
      // On a write the driver rewords code 20 ("does not support retryable writes") and keeps the server's error.
      const write = await h.db.collection('t').insertOne({ a: 1 }, { session }).catch((e) => e);
      expect(write.originalError?.code).toBe(20);
      await session.abortTransaction().catch(() => {});
    } finally {
      await session.endSession();
    }
    expect(await codeOf(h.db.admin().command({ commitTransaction: 1 }))).toBe(20);
    expect(await h.db.collection('t').countDocuments()).toBe(0);
  });

  // https://www.mongodb.com/docs/manual/reference/command/bulkWrite/ (new in version 8.0: unknown to 7.0)
  it('does not know the 8.0 bulkWrite command (59)', async () => {
    expect(await codeOf(h.db.admin().command({ bulkWrite: 1, ops: [], nsInfo: [] }))).toBe(59);
  });
});
