import { requireSetting } from '@nocturnal/core/config';
import { createMongo, type Mongo } from '@nocturnal/core/db/mongo';
import { getDeps, onClose } from '../deps';

let mongo: Mongo | undefined;

/** The process-wide MongoDB client (created on first use, reused across invocations). */
export function getMongo(): Mongo {
  if (mongo) return mongo;
  const { config } = getDeps();
  const created = createMongo({ MONGODB_URI: requireSetting(config, 'MONGODB_URI'), MONGODB_DB: config.MONGODB_DB });
  mongo = created;
  onClose(async () => {
    mongo = undefined;
    await created.client.close();
  });
  return created;
}
