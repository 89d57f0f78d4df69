import type { SSTConfig } from 'sst';
import { Api } from './stacks/Api';
import { Jobs } from './stacks/Jobs';
import { Monitoring } from './stacks/Monitoring';
import { Storage } from './stacks/Storage';
import { applyDefaults } from './stacks/defaults';

export default {
  config() {
    return { name: 'nocturnal-api', region: 'us-east-1' };
  },
  stacks(app) {
    applyDefaults(app);
    app.stack(Storage).stack(Api).stack(Jobs).stack(Monitoring);
  },
} satisfies SSTConfig;
