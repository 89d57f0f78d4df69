import { parseArgs } from 'node:util';
import { startMongo } from './index';
import { stopOnSignal } from '../stop-on-signal';

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

stopOnSignal(() => mongo.stop());
