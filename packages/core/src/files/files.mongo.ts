import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import type { FileRecord, FileRepository, FileStatus } from './types';
import { olderThan } from '../pagination/keyset';
import { isObjectId, toObjectId } from '../db/object-id';

interface FileDoc extends Omit<FileRecord, 'id'> {
  _id: ObjectId;
}

export interface MongoFileRepository extends FileRepository {
  /** Creates the listing and cleanup indexes; idempotent, run once per process. */
  ensureIndexes(): Promise<void>;
}


/**
 * The file-record port on MongoDB: collection `files`, `_id` an ObjectId
 * (its hex string is the public id and the last segment of the object key).
 *
 * @example
 * const files = mongoFileRepository(db);
 * await files.ensureIndexes();
 */
export function mongoFileRepository(db: Db, collectionName = 'files'): MongoFileRepository {
  const files: Collection<FileDoc> = db.collection<FileDoc>(collectionName);
  const toId = toObjectId;
  return {
    async ensureIndexes() {
      await files.createIndex({ ownerId: 1, createdAt: -1, _id: -1 }, { name: 'owner_newest' });
      await files.createIndex({ status: 1, createdAt: 1 }, { name: 'status_created' });
    },
    newId: () => new ObjectId().toHexString(),
    isId: isObjectId,
    async insert(record) {
      const { id, ...rest } = record;
      await files.insertOne({ _id: new ObjectId(id), ...rest });
    },
    async findById(id) {
      const _id = toId(id);
      return _id ? fromNullable(await files.findOne({ _id })) : null;
    },
    async transition(id, from, to, now) {
      const _id = toId(id);
      if (!_id) return null;
      const doc = await files.findOneAndUpdate(
        { _id, status: { $in: [...from] } },
        { $set: { status: to, updatedAt: now, completedAt: to === 'pending' ? null : now } },
        { returnDocument: 'after' },
      );
      return fromNullable(doc);
    },
    async listByOwner({ ownerId, status, limit, after }) {
      const filter: Filter<FileDoc> = { ownerId, ...(status ? { status } : {}), ...(after ? (olderThan(after) as Filter<FileDoc>) : {}) };
      const docs = await files.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
      return docs.map(fromDoc);
    },
    async usage(ownerId) {
      const [row] = await files
        .aggregate<{ total: number }>([
          { $match: { ownerId, status: { $in: ['pending', 'ready'] satisfies FileStatus[] } } },
          { $group: { _id: null, total: { $sum: '$size' } } },
        ])
        .toArray();
      return row?.total ?? 0;
    },
    async delete(id, statuses) {
      const _id = toId(id);
      if (!_id) return false;
      const filter: Filter<FileDoc> = statuses ? { _id, status: { $in: [...statuses] } } : { _id };
      return (await files.deleteOne(filter)).deletedCount === 1;
    },
    async findPendingBefore(before, limit) {
      const docs = await files.find({ status: 'pending', createdAt: { $lt: before } }).sort({ createdAt: 1 }).limit(limit).toArray();
      return docs.map(fromDoc);
    },
  };
}


function fromNullable(doc: FileDoc | null): FileRecord | null {
  return doc ? fromDoc(doc) : null;
}

function fromDoc(doc: FileDoc): FileRecord {
  return {
    id: doc._id.toHexString(),
    ownerId: doc.ownerId,
    key: doc.key,
    filename: doc.filename,
    contentType: doc.contentType,
    size: doc.size,
    status: doc.status,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    uploadExpiresAt: doc.uploadExpiresAt,
    completedAt: doc.completedAt ?? null,
  };
}
