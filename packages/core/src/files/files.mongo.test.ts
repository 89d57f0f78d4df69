import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import { mongoFileRepository, type MongoFileRepository } from './files.mongo';
import type { FileRecord, FileStatus } from './types';

let harness: Harness;
let files: MongoFileRepository;
const t0 = new Date('2030-01-01T00:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

function record(ownerId: string, opts: { createdAt?: Date; status?: FileStatus; size?: number } = {}): FileRecord {
  const id = files.newId();
  const createdAt = opts.createdAt ?? t0;
  return {
    id,
    ownerId,
    key: `users/${ownerId}/${id}`,
    filename: 'a.txt',
    contentType: 'text/plain',
    size: opts.size ?? 10,
    status: opts.status ?? 'pending',
    createdAt,
    updatedAt: createdAt,
    uploadExpiresAt: at(300),
    completedAt: null,
  };
}

beforeAll(async () => {
  harness = await startHarness('files_repo');
  files = mongoFileRepository(harness.db);
  await files.ensureIndexes();
});
afterAll(() => harness?.close());

describe('mongoFileRepository', () => {
  it('round-trips a record and finds nothing for unknown or malformed ids', async () => {
    const file = record('owner-a');
    await files.insert(file);

    expect(await files.findById(file.id)).toEqual(file);
    expect(await files.findById(files.newId())).toBeNull();
    expect(await files.findById('../etc')).toBeNull();
    expect(files.isId(file.id)).toBe(true);
  });

  it('lists newest first with a stable keyset, even when timestamps tie', async () => {
    const owner = 'owner-list';
    const inserted = [record(owner, { createdAt: at(1) }), record(owner, { createdAt: at(2) }), record(owner, { createdAt: at(2) }), record(owner, { createdAt: at(3), status: 'ready' })];
    for (const f of inserted) await files.insert(f);
    await files.insert(record('someone-else', { createdAt: at(4) }));

    const all = await files.listByOwner({ ownerId: owner, limit: 10 });
    const [first, second, ...rest] = all;
    const next = await files.listByOwner({ ownerId: owner, limit: 10, after: { createdAt: second!.createdAt, id: second!.id } });

    expect(all.map((f) => f.createdAt.getTime())).toEqual([at(3), at(2), at(2), at(1)].map((d) => d.getTime()));
    expect(first!.status).toBe('ready');
    expect(next.map((f) => f.id)).toEqual(rest.map((f) => f.id));
    expect((await files.listByOwner({ ownerId: owner, status: 'ready', limit: 10 })).map((f) => f.id)).toEqual([first!.id]);
  });

  it('counts pending and ready bytes towards usage, not rejected ones', async () => {
    const owner = 'owner-usage';
    await files.insert(record(owner, { size: 100 }));
    await files.insert(record(owner, { size: 20, status: 'ready' }));
    await files.insert(record(owner, { size: 5000, status: 'rejected' }));

    expect(await files.usage(owner)).toBe(120);
    expect(await files.usage('nobody')).toBe(0);
  });

  it('transitions only from the given statuses, once under concurrency', async () => {
    const file = record('owner-transition');
    await files.insert(file);

    const results = await Promise.all(Array.from({ length: 6 }, () => files.transition(file.id, ['pending'], 'ready', at(10))));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await files.findById(file.id)).toMatchObject({ status: 'ready', completedAt: at(10), updatedAt: at(10) });
    expect(await files.transition(file.id, ['pending'], 'rejected', at(11))).toBeNull();
  });

  it('deletes conditionally on status and finds stale pending files oldest first', async () => {
    const old = record('owner-stale', { createdAt: new Date('2020-01-01T00:00:00Z') });
    const older = record('owner-stale', { createdAt: new Date('2019-01-01T00:00:00Z') });
    const readyOld = record('owner-stale', { createdAt: new Date('2019-06-01T00:00:00Z'), status: 'ready' });
    for (const f of [old, older, readyOld]) await files.insert(f);

    const stale = await files.findPendingBefore(new Date('2021-01-01T00:00:00Z'), 10);

    expect(stale.map((f) => f.id)).toEqual([older.id, old.id]);
    expect(await files.delete(readyOld.id, ['pending'])).toBe(false);
    expect(await files.delete(old.id, ['pending'])).toBe(true);
    expect(await files.delete(old.id)).toBe(false);
  });
});
