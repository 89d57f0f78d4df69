import type { Collection, Db } from 'mongodb';
import type { RefreshTokenRecord, RefreshTokenRepository } from './types';

/** `_id` is the token's SHA-256: the look-up key, and unique for free. */
type RefreshTokenDoc = Omit<RefreshTokenRecord, 'hash'> & { _id: string };

export interface MongoRefreshTokenRepository extends RefreshTokenRepository {
  /** TTL index on `expiresAt` plus family and user look-ups; idempotent. */
  ensureIndexes(): Promise<void>;
}

/**
 * The refresh-token port on MongoDB: collection `refresh_tokens`. Expired
 * tokens are removed by a TTL index; used ones are kept until then, because
 * they are what reveals a replayed token.
 *
 * @example
 * const refreshTokens = mongoRefreshTokenRepository(db);
 * await refreshTokens.ensureIndexes();
 */
export function mongoRefreshTokenRepository(db: Db, collectionName = 'refresh_tokens'): MongoRefreshTokenRepository {
  const tokens: Collection<RefreshTokenDoc> = db.collection<RefreshTokenDoc>(collectionName);
  return {
    async ensureIndexes() {
      await tokens.createIndexes([
        { key: { expiresAt: 1 }, name: 'expires_ttl', expireAfterSeconds: 0 },
        { key: { familyId: 1 }, name: 'family' },
        { key: { userId: 1 }, name: 'user' },
      ]);
    },
    async insert(record) {
      await tokens.insertOne(toDoc(record));
    },
    async consume(hash, now) {
      // One atomic read-modify-write: the filter is the whole validity check.
      const doc = await tokens.findOneAndUpdate(
        { _id: hash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after' },
      );
      return doc ? fromDoc(doc) : null;
    },
    async find(hash) {
      const doc = await tokens.findOne({ _id: hash });
      return doc ? fromDoc(doc) : null;
    },
    async revokeFamily(familyId, now) {
      await tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } });
    },
    async revokeAllForUser(userId, now) {
      await tokens.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } });
    },
    async deleteAllForUser(userId) {
      await tokens.deleteMany({ userId });
    },
  };
}

function toDoc({ hash, ...rest }: RefreshTokenRecord): RefreshTokenDoc {
  return { _id: hash, ...rest };
}

function fromDoc({ _id, ...rest }: RefreshTokenDoc): RefreshTokenRecord {
  return { ...rest, hash: _id, usedAt: rest.usedAt ?? null, revokedAt: rest.revokedAt ?? null };
}
