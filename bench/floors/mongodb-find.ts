/**
 * Floor (b): the MongoDB driver connects (started at init) and reads one
 * user by _id. Inputs: MONGODB_URI, FLOOR_USER_ID.
 */
import { MongoClient, ObjectId } from 'mongodb';

const client = new MongoClient(process.env.MONGODB_URI!);
const connected = client.connect();

export async function step(): Promise<void> {
  await connected;
  await client.db('nocturnal').collection('users').findOne({ _id: new ObjectId(process.env.FLOOR_USER_ID!) });
}
