import { requireSetting } from '@nocturnal/core/config';
import { createMongo } from '@nocturnal/core/db/mongo';
import { defineClient } from '../runtime';

/** The MongoDB client of the process (the driver connects on first use). */
export const mongoClient = defineClient({
  name: 'mongo',
  resource: 'mongo',
  create: ({ config }) => createMongo({ MONGODB_URI: requireSetting(config, 'MONGODB_URI'), MONGODB_DB: config.MONGODB_DB }),
  close: (mongo) => mongo.client.close(),
});
