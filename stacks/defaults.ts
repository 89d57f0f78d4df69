import type { App } from 'sst/constructs';
import { FUNCTION_DEFAULTS } from '../packages/functions/src/route-types';
import { deploySettings } from './settings';

/** Function defaults for every stack: Node 24 on arm64, ESM bundles, retained data only on prod. */
export function applyDefaults(app: App): void {
  const settings = deploySettings(app.stage);
  if (!settings.retain) app.setDefaultRemovalPolicy('destroy');
  app.setDefaultFunctionProps({
    runtime: 'nodejs24.x',
    architecture: 'arm_64',
    timeout: FUNCTION_DEFAULTS.timeoutSeconds,
    memorySize: FUNCTION_DEFAULTS.memoryMB,
    logRetention: settings.retain ? 'three_months' : 'one_week',
    // esbuild options apply after SST's own (which target esnext): the bundles are for the runtime they run on.
    nodejs: { format: 'esm', minify: true, sourcemap: true, esbuild: { target: 'node24' } },
    environment: { STAGE: app.stage, NODE_OPTIONS: '--enable-source-maps', ...settings.environment },
  });
}
