import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import { mongoRefreshTokenRepository, type MongoRefreshTokenRepository } from './refresh-tokens.mongo';

let harness: Harness;
let tokens: MongoRefreshTokenRepository;
const now = new Date('2030-01-01T00:00:00Z');
const record = (hash: string, familyId = 'f1', userId = 'u1') => ({
  hash,
  userId,
  familyId,
  createdAt: now,
  expiresAt: new Date(now.getTime() + 3600_000),
  usedAt: null,
  revokedAt: null,
});

beforeAll(async () => {
  harness = await startHarness('refresh_repo');
  tokens = mongoRefreshTokenRepository(harness.db);
  await tokens.ensureIndexes();
});
afterAll(() => harness?.close());

describe('mongoRefreshTokenRepository', () => {
  it('has a TTL index on expiresAt', async () => {
    const indexes = await harness.db.collection('refresh_tokens').indexes();

    expect(indexes.find((i) => i.name === 'expires_ttl')).toMatchObject({ key: { expiresAt: 1 }, expireAfterSeconds: 0 });
  });

  it('consumes a token once, even under concurrency', async () => {
    await tokens.insert(record('h-once'));

    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.consume('h-once', now)));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await tokens.find('h-once'))?.usedAt).toEqual(now);
  });

  it('does not consume an expired or revoked token', async () => {
    await tokens.insert(record('h-exp'));
    await tokens.insert(record('h-rev', 'f-rev'));
    await tokens.revokeFamily('f-rev', now);

    expect(await tokens.consume('h-exp', new Date(now.getTime() + 3601_000))).toBeNull();
    expect(await tokens.consume('h-rev', now)).toBeNull();
    expect(await tokens.consume('unknown', now)).toBeNull();
  });

  it('revokes a family, all of a user, and deletes all of a user', async () => {
    await tokens.insert(record('a1', 'fa', 'ua'));
    await tokens.insert(record('a2', 'fb', 'ua'));
    await tokens.insert(record('b1', 'fc', 'ub'));

    await tokens.revokeFamily('fa', now);
    expect((await tokens.find('a1'))?.revokedAt).toEqual(now);
    expect((await tokens.find('a2'))?.revokedAt).toBeNull();
    await tokens.revokeAllForUser('ua', now);
    expect((await tokens.find('a2'))?.revokedAt).toEqual(now);
    await tokens.deleteAllForUser('ua');
    expect(await tokens.find('a1')).toBeNull();
    expect((await tokens.find('b1'))?.revokedAt).toBeNull();
  });
});
