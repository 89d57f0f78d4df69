import { MongoServerError, ObjectId, type Collection, type Db } from 'mongodb';
import { isObjectId, toObjectId } from '../db/object-id';
import { AppError } from '../errors';
import type { NewUser, User, UserPatch, UserRepository } from './types';

/** The stored shape: the domain user with MongoDB's `_id` in place of `id`. */
type UserDoc = Omit<User, 'id' | 'tokenVersion'> & { _id: ObjectId; tokenVersion?: number };

export interface MongoUserRepository extends UserRepository {
  /** Creates the unique email index; idempotent, run once per process. */
  ensureIndexes(): Promise<void>;
}


/**
 * The users port on MongoDB: collection `users`, `_id` an ObjectId, a unique
 * index on the normalised email.
 *
 * @example
 * const users = mongoUserRepository(db);
 * await users.ensureIndexes();
 */
export function mongoUserRepository(db: Db, collectionName = 'users'): MongoUserRepository {
  const users: Collection<UserDoc> = db.collection<UserDoc>(collectionName);
  const toId = toObjectId;
  return {
    async ensureIndexes() {
      await users.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
    },
    async create(input: NewUser, now: Date) {
      const doc: UserDoc = { _id: new ObjectId(), ...input, disabled: false, tokenVersion: 0, createdAt: now, updatedAt: now };
      try {
        await users.insertOne(doc);
      } catch (error) {
        if (error instanceof MongoServerError && error.code === 11000) throw new AppError('EMAIL_TAKEN');
        throw error;
      }
      return fromDoc(doc);
    },
    async findById(id) {
      const _id = toId(id);
      return _id ? fromNullable(await users.findOne({ _id })) : null;
    },
    async findByEmail(email) {
      return fromNullable(await users.findOne({ email }));
    },
    async update(id, patch: UserPatch, now, opts = {}) {
      const _id = toId(id);
      if (!_id) return null;
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const change = { $set: { ...set, updatedAt: now }, ...(opts.revokeTokens ? { $inc: { tokenVersion: 1 } } : {}) };
      const doc = await users.findOneAndUpdate({ _id }, change, { returnDocument: 'after' });
      return fromNullable(doc);
    },
    async delete(id) {
      const _id = toId(id);
      return _id ? (await users.deleteOne({ _id })).deletedCount === 1 : false;
    },
    isId: isObjectId,
    async list({ limit, after }) {
      const from = after === undefined ? undefined : toId(after);
      const docs = await users
        .find(from ? { _id: { $gt: from } } : {})
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map(fromDoc);
    },
  };
}

function fromNullable(doc: UserDoc | null): User | null {
  return doc ? fromDoc(doc) : null;
}

function fromDoc(doc: UserDoc): User {
  return {
    id: doc._id.toHexString(),
    email: doc.email,
    name: doc.name ?? null,
    role: doc.role,
    disabled: doc.disabled === true,
    passwordHash: doc.passwordHash,
    // Accounts stored before revocation existed have version 0, as their tokens (no `ver`) do.
    tokenVersion: doc.tokenVersion ?? 0,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
