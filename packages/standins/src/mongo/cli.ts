import { parseArgs } from 'node:util';
import { startMongo } from './index';

/** `tsx packages/standins/src/mongo/cli.ts --port 27017 --data-dir .data/mongo` */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
  },
});

const mongo = await startMongo({ port: Number(values.port), host: values.host, dataDir: values['data-dir'] });
console.log(mongo.uri);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  mongo.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
