import { MongoClient, type Db } from 'mongodb';

export interface Mongo {
  client: MongoClient;
  db: Db;
}

/**
 * Creates the MongoDB client once per process (outside any handler). The driver
 * connects lazily on the first operation, so a cold start costs no round trip
 * for routes that never touch the database.
 *
 * @example
 * const { db } = createMongo(config);
 * await db.collection('users').findOne({ email });
 */
export function createMongo(config: { MONGODB_URI: string; MONGODB_DB: string }): Mongo {
  const client = new MongoClient(config.MONGODB_URI, {
    // Lambda: one concurrent request per instance, so a small pool suffices.
    maxPoolSize: 10,
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    appName: 'nocturnal-api',
  });
  return { client, db: client.db(config.MONGODB_DB) };
}

/** Cheap round trip for readiness checks. */
export async function pingMongo(mongo: Mongo): Promise<void> {
  await mongo.db.command({ ping: 1 });
}
