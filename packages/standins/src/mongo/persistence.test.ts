import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../testing';
import { startHarness } from './testing';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mongo-standin-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('brings back documents, unique and TTL indexes after a restart', async () => {
    const first = await startHarness('app', { dataDir });
    const users = first.db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ email: 'a@x.io', n: 1 }, { email: 'b@x.io', n: 2 }]);
    await users.updateOne({ email: 'b@x.io' }, { $inc: { n: 40 } });
    await first.db.collection('sessions').createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    await first.db.collection('gone').insertOne({ a: 1 });
    await first.db.collection('gone').drop();
    await first.close();

    const second = await startHarness('app', { dataDir });
    try {
      const again = second.db.collection('users');
      expect(await again.find({}, { projection: { _id: 0 } }).sort({ email: 1 }).toArray()).toEqual([
        { email: 'a@x.io', n: 1 },
        { email: 'b@x.io', n: 42 },
      ]);
      expect((await again.insertOne({ email: 'a@x.io' }).catch((e) => e)).code).toBe(11000);
      const ttl = (await second.db.collection('sessions').indexes()).find((i) => i.name === 'at_1');
      expect(ttl?.expireAfterSeconds).toBe(3600);
      const names = (await second.db.listCollections().toArray()).map((c) => c.name).sort();
      expect(names).toEqual(['sessions', 'users']);
    } finally {
      await second.close();
    }
    // only snapshot files remain: no temporary files left behind
    expect((await readdir(path.join(dataDir, 'app'))).sort()).toEqual(['sessions.bson', 'users.bson']);
  });

  it('writes snapshots shortly after changes, before stop()', async () => {
    const h = await startHarness('early', { dataDir });
    await h.db.collection('c').insertOne({ a: 1 });
    const files = await until('the snapshot c.bson', () => readdir(path.join(dataDir, 'early')), {
      timeoutMs: 3000,
      intervalMs: 20,
      ok: (names) => names.includes('c.bson'),
    });
    expect(files).toContain('c.bson');
    await h.close();
  });
});
