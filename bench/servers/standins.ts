/**
 * One stand-in in its own process (`mongo`, `upstash` or `s3`), so none shares
 * an event loop with the load generator or the server under test.
 */
import { startMongo } from '@nocturnal/standins/mongo/index';
import { startS3 } from '@nocturnal/standins/s3/index';
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
} else if (which === 's3') {
  const s3 = await startS3();
  exitWithParent(() => s3.stop());
  ready({ S3_ENDPOINT: s3.endpoint, BUCKET_NAME: s3.bucket });
} else {
  process.stderr.write(`usage: standins.ts mongo|upstash|s3\n`);
  process.exit(2);
}
