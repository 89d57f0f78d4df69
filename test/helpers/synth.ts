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
import { Monitoring } from '../../stacks/Monitoring';

export interface Synth {
  app: App;
  storage: Template;
  api: Template;
  jobs: Template;
  monitoring: Template;
}

interface AppOptions {
  /** Stacks whose functions are built; the others get SST's placeholder code (as for stacks a deploy leaves alone). */
  isActiveStack?: (stackName: string) => boolean;
  /** CDK context, e.g. a lookup's cached answer (`hosted-zone:…`), so no lookup asks AWS. */
  context?: Record<string, unknown>;
}

async function newApp(stage: string, { isActiveStack, context = {} }: AppOptions = {}): Promise<App> {
  await initProject({ stage });
  const app = new App({ mode: 'deploy', account: '123456789012', region: 'us-east-1', stage, name: 'nocturnal-api', ...(isActiveStack ? { isActiveStack } : {}) });
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  applyDefaults(app);
  return app;
}

async function synthesizeAll(app: App): Promise<Synth> {
  app.stack(Storage).stack(Api).stack(Jobs).stack(Monitoring);
  await app.finish();
  return {
    app,
    storage: Template.fromStack(getStack(Storage)),
    api: Template.fromStack(getStack(Api)),
    jobs: Template.fromStack(getStack(Jobs)),
    monitoring: Template.fromStack(getStack(Monitoring)),
  };
}

export async function synthesize(stage: string): Promise<Synth> {
  return synthesizeAll(await newApp(stage));
}

/**
 * Every stack, but no function bundled: the Api and Jobs stacks are
 * synthesised as inactive (SST gives their functions placeholder code), so
 * the wiring (alarms, dashboard, custom domain) of another set of deploy
 * settings synthesises in seconds. The deploy settings come from `process.env`.
 */
export async function synthesizeWiring(stage: string, opts: Pick<AppOptions, 'context'> = {}): Promise<Synth> {
  return synthesizeAll(await newApp(stage, { ...opts, isActiveStack: (name) => !/-(Api|Jobs)$/.test(name) }));
}

/**
 * Only the Storage stack: it holds no bundled function, so a second stage
 * synthesises in seconds instead of re-bundling every function.
 */
export async function synthesizeStorage(stage: string): Promise<Template> {
  const app = await newApp(stage);
  app.stack(Storage);
  await app.finish();
  return Template.fromStack(getStack(Storage));
}
