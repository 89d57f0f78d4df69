import type { App } from 'sst/constructs';
import { FUNCTION_ESBUILD } from '../packages/functions/src/bundling';
import { FUNCTION_DEFAULTS } from '../packages/functions/src/route-types';
import { deploySettings } from './settings';

/** Function defaults for every stack: Node 24 on arm64, ESM bundles built by functions/bundling.ts, retained data only on prod. */
export function applyDefaults(app: App): void {
  const settings = deploySettings(app.stage);
  if (!settings.retain) app.setDefaultRemovalPolicy('destroy');
  app.setDefaultFunctionProps({
    runtime: 'nodejs24.x',
    architecture: 'arm_64',
    timeout: FUNCTION_DEFAULTS.timeoutSeconds,
    memorySize: FUNCTION_DEFAULTS.memoryMB,
    logRetention: settings.retain ? 'three_months' : 'one_week',
    // The source map ships in the zip; stack traces are mapped from it on first use
    // (functions/source-maps.ts), so no --enable-source-maps taxes every cold start.
    nodejs: { format: 'esm', minify: true, sourcemap: true, esbuild: FUNCTION_ESBUILD },
    environment: { STAGE: app.stage, ...settings.environment },
  });
}
