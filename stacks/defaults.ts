import type { App } from 'sst/constructs';
import { deploySettings } from './settings';

/** Function defaults for every stack: Node 24 on arm64, ESM bundles, retained data only on prod. */
export function applyDefaults(app: App): void {
  const settings = deploySettings(app.stage);
  if (!settings.retain) app.setDefaultRemovalPolicy('destroy');
  app.setDefaultFunctionProps({
    runtime: 'nodejs24.x',
    architecture: 'arm_64',
    timeout: 10,
    memorySize: 512,
    logRetention: settings.retain ? 'three_months' : 'one_week',
    nodejs: { format: 'esm', minify: true, sourcemap: true },
    environment: { STAGE: app.stage, NODE_OPTIONS: '--enable-source-maps', ...settings.environment },
  });
}
