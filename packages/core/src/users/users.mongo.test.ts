import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import { AppError } from '../errors';
import { mongoUserRepository, type MongoUserRepository } from './users.mongo';

let harness: Harness;
let users: MongoUserRepository;
const now = new Date('2030-01-01T00:00:00Z');
const newUser = (email: string) => ({ email, name: null, role: 'user' as const, passwordHash: 'x' });

beforeAll(async () => {
  harness = await startHarness('users_repo');
  users = mongoUserRepository(harness.db);
  await users.ensureIndexes();
});
afterAll(() => harness?.close());

describe('mongoUserRepository', () => {
  it('creates, finds by id and email, updates and deletes', async () => {
    const created = await users.create(newUser('crud@x.io'), now);

    expect(await users.findById(created.id)).toEqual(created);
    expect(await users.findByEmail('crud@x.io')).toEqual(created);
    const later = new Date(now.getTime() + 1000);
    const updated = await users.update(created.id, { name: 'Ada', role: 'admin', disabled: true }, later);
    expect(updated).toMatchObject({ name: 'Ada', role: 'admin', disabled: true, updatedAt: later, createdAt: now });
    expect(await users.delete(created.id)).toBe(true);
    expect(await users.findById(created.id)).toBeNull();
  });

  it('enforces a unique email with EMAIL_TAKEN', async () => {
    await users.create(newUser('dup@x.io'), now);

    const error = await users.create(newUser('dup@x.io'), now).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('EMAIL_TAKEN');
  });

  it('treats malformed ids as not found', async () => {
    for (const id of ['', 'abc', 'zzzzzzzzzzzzzzzzzzzzzzzz', '{"$gt":""}', '123456789012']) {
      expect(users.isId(id)).toBe(false);
      expect(await users.findById(id)).toBeNull();
      expect(await users.update(id, { name: 'x' }, now)).toBeNull();
      expect(await users.delete(id)).toBe(false);
    }
  });

  it('pages oldest first after a given id', async () => {
    const { db } = harness;
    const repo = mongoUserRepository(db, 'paging');
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await repo.create(newUser(`p${i}@x.io`), now));

    const first = await repo.list({ limit: 2 });
    const second = await repo.list({ limit: 2, after: first[1]!.id });
    const rest = await repo.list({ limit: 10, after: second[1]!.id });

    expect([...first, ...second, ...rest].map((u) => u.email)).toEqual(made.map((u) => u.email));
  });
});
