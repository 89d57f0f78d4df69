/**
 * One stand-in in its own process (`mongo` or `upstash`), so neither shares an
 * event loop with the load generator or the server under test.
 */
import { startMongo } from '@nocturnal/standins/mongo/index';
import { startUpstash } from '@nocturnal/standins/upstash/index';
import { exitWithParent, ready } from '../lib/child';

const which = process.argv[2];
if (which === 'mongo') {
  const mongo = await startMongo();
  exitWithParent(() => mongo.stop());
  ready({ MONGODB_URI: mongo.uri });
} else if (which === 'upstash') {
  const upstash = await startUpstash();
  exitWithParent(() => upstash.stop());
  ready({ UPSTASH_REDIS_REST_URL: upstash.url, UPSTASH_REDIS_REST_TOKEN: upstash.token, REDIS_URL: upstash.redisUrl });
} else {
  process.stderr.write(`usage: standins.ts mongo|upstash\n`);
  process.exit(2);
}
