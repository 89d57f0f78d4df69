import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, MongoServerError } from 'mongodb';
import { startHarness, type Harness } from './testing';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('clients');
});
afterAll(async () => {
  await h.close();
});

describe('connections and commands', () => {
  it('applies 200 concurrent $inc exactly once each', async () => {
    const c = h.db.collection('counters');
    await c.insertOne({ _id: 'hits' as never, n: 0 });
    await Promise.all(Array.from({ length: 200 }, () => c.updateOne({ _id: 'hits' as never }, { $inc: { n: 1 } })));
    expect((await c.findOne({ _id: 'hits' as never }))?.n).toBe(200);
  });

  it('serves a second client in the same process, and both close cleanly', async () => {
    const second = await new MongoClient(h.mongo.uri).connect();
    await second.db('clients').collection('shared').insertOne({ from: 'second' });
    expect(await h.db.collection('shared').countDocuments({ from: 'second' })).toBe(1);
    // start a session so close() sends endSessions (OP_MSG, moreToCome: no reply expected)
    await second.db('clients').collection('shared').findOne({}, { session: second.startSession() });
    await second.close();
    expect(await h.db.command({ ping: 1 })).toEqual({ ok: 1 });
  });

  it('answers hello and buildInfo like a standalone 7.0 server', async () => {
    const hello = await h.db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, minWireVersion: 0, maxWireVersion: 21, logicalSessionTimeoutMinutes: 30, ok: 1 });
    expect(hello.setName).toBeUndefined();
    expect((await h.db.admin().buildInfo()).version).toBe('7.0.0');
  });

  it('reports unknown commands as CommandNotFound (59)', async () => {
    const err = await h.db.command({ fooBar: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(59);
    expect(err.codeName).toBe('CommandNotFound');
    expect(err.message).toBe("no such command: 'fooBar'");
  });

  it('rejects transactions as a standalone server does', async () => {
    const session = h.client.startSession();
    session.startTransaction();
    const err = await h.db.collection('tx').insertOne({ a: 1 }, { session }).catch((e) => e);
    expect(err.originalError.code).toBe(20); // the driver wraps it, as with a real standalone mongod
    await session.endSession();
  });

  it('closes only the socket that sent a malformed message', async () => {
    const sock = net.connect(h.mongo.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    const junk = Buffer.alloc(32);
    junk.writeInt32LE(32, 0);
    junk.writeInt32LE(9999, 12); // unknown opCode
    sock.write(junk);
    await new Promise((r) => sock.once('close', r));
    expect(await h.db.command({ ping: 1 })).toEqual({ ok: 1 });
  });
});
