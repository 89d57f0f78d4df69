import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createMongo } from '@nocturnal/core/db/mongo';
import { ImportError } from '../errors';

/** One record of the input and where it came from (`line 12`, `_id 66f…`), for the report. */
export interface SourceRecord {
  where: string;
  /** The parsed value; `undefined` with `error` for a line that is not JSON. */
  raw: unknown;
  error?: 'INVALID_JSON';
}

/** Records to import, and how many there are (for the progress display). */
export interface UserSource {
  describe: string;
  count(): Promise<number>;
  records(): AsyncIterable<SourceRecord>;
  close(): Promise<void>;
}

/**
 * A JSON Lines file, one user a line; blank lines are skipped. Read as a
 * stream, so its size does not matter.
 *
 * @example
 * for await (const { where, raw } of jsonLinesSource('users.jsonl').records()) …
 */
export function jsonLinesSource(path: string): UserSource {
  const lines = async function* () {
    const input = createReadStream(path, { encoding: 'utf8' });
    const opened = new Promise<void>((resolve, reject) => {
      input.once('open', () => resolve());
      input.once('error', (error) => reject(new ImportError('INPUT_UNREADABLE', `${path}: ${error.message}`)));
    });
    await opened;
    let n = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      n += 1;
      if (line.trim()) yield { n, line };
    }
  };
  return {
    describe: path,
    async count() {
      let count = 0;
      for await (const _ of lines()) count += 1;
      return count;
    },
    async *records() {
      for await (const { n, line } of lines()) {
        try {
          yield { where: `line ${n}`, raw: JSON.parse(line) };
        } catch {
          yield { where: `line ${n}`, raw: undefined, error: 'INVALID_JSON' };
        }
      }
    },
    close: async () => {},
  };
}

/**
 * A collection of the old API's MongoDB (any database the driver reaches),
 * read with a cursor in `_id` order.
 *
 * @example
 * const source = mongoSource('mongodb://old-host/app', 'users');
 */
export function mongoSource(uri: string, collection: string, database?: string): UserSource {
  // The old database's name is in its URI unless given; the driver's default otherwise.
  const dbName = database ?? (/^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(uri)?.[1] || 'test');
  const mongo = createMongo({ MONGODB_URI: uri, MONGODB_DB: decodeURIComponent(dbName) });
  const docs = mongo.db.collection(collection);
  return {
    describe: `collection ${collection} of database ${dbName}`,
    count: () => docs.countDocuments(),
    async *records() {
      for await (const doc of docs.find({}).sort({ _id: 1 })) {
        yield { where: `_id ${String(doc._id)}`, raw: doc };
      }
    },
    close: () => mongo.client.close(),
  };
}
