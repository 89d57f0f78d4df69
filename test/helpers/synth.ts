/**
 * Synthesises the SST stacks offline, as `sst deploy` would (bundling every
 * function with esbuild into `.sst/artifacts/`), without asking AWS anything.
 */
import { initProject } from 'sst/project.js';
import { App, getStack } from 'sst/constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { applyDefaults } from '../../stacks/defaults';
import { Storage } from '../../stacks/Storage';
import { Api } from '../../stacks/Api';
import { Jobs } from '../../stacks/Jobs';

export interface Synth {
  app: App;
  storage: Template;
  api: Template;
  jobs: Template;
}

export async function synthesize(stage: string): Promise<Synth> {
  await initProject({ stage });
  const app = new App({ mode: 'deploy', account: '123456789012', region: 'us-east-1', stage, name: 'nocturnal-api' });
  applyDefaults(app);
  app.stack(Storage).stack(Api).stack(Jobs);
  await app.finish();
  return {
    app,
    storage: Template.fromStack(getStack(Storage)),
    api: Template.fromStack(getStack(Api)),
    jobs: Template.fromStack(getStack(Jobs)),
  };
}

/**
 * Only the Storage stack: it holds no bundled function, so a second stage
 * synthesises in seconds instead of re-bundling every function.
 */
export async function synthesizeStorage(stage: string): Promise<Template> {
  await initProject({ stage });
  const app = new App({ mode: 'deploy', account: '123456789012', region: 'us-east-1', stage, name: 'nocturnal-api' });
  applyDefaults(app);
  app.stack(Storage);
  await app.finish();
  return Template.fromStack(getStack(Storage));
}
