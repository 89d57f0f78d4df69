import { MongoClient, type Db } from 'mongodb';
import { startMongo, type MongoStandIn, type MongoStandInOptions } from './index';

/** A started stand-in with one connected client; for tests. */
export interface Harness {
  mongo: MongoStandIn;
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/** Starts the stand-in on an ephemeral port and connects the official driver to it. */
export async function startHarness(dbName: string, opts: MongoStandInOptions = {}): Promise<Harness> {
  const mongo = await startMongo({ port: 0, ...opts });
  const client = await new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 5000 }).connect();
  return {
    mongo,
    client,
    db: client.db(dbName),
    close: async () => {
      await client.close();
      await mongo.stop();
    },
  };
}
