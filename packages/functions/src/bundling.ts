/**
 * How the function bundles are built: `nodejs.esbuild` options applied after
 * SST's own (stacks/defaults.ts), and by the bench to its reference bundles,
 * so hello world, the floors and the functions are built alike. Build-time
 * only: no handler imports this module.
 *
 * - Node's built-ins are loaded with `require()`: an ESM `import` of a
 *   built-in makes Node evaluate every export of it first (an ESM import of
 *   `node:http`, which `@middy/util` does, costs ~26 ms on Node 24; the same
 *   module through `require()` ~5 ms).
 * - Modules that can never run in a function are left out: the MongoDB
 *   driver's optional add-ons, and the AWS SDK credential providers that run
 *   only when the environment holds no credentials (Lambda always sets them).
 *   Everything a function does run is bundled, the AWS SDK included.
 * - The source map ships in the zip without the sources' text: stack traces
 *   are mapped from it (functions/source-maps.ts) and need no source text.
 */
import { builtinModules } from 'node:module';

// esbuild's plugin API, as much of it as is used here: SST bundles with its own esbuild (0.18), the bench with the project's.
interface PluginBuild {
  onResolve(options: { filter: RegExp }, callback: (args: { path: string; namespace: string; kind: string }) => { path: string; namespace?: string; external?: boolean } | undefined): void;
  onLoad(options: { filter: RegExp; namespace: string }, callback: (args: { path: string }) => { contents: string; loader: 'js' }): void;
}

/** The MongoDB driver's optional add-ons (compression, Kerberos, CSFLE, SOCKS, MONGODB-AWS credentials): absent, the driver does without them. */
export const MONGODB_OPTIONAL_MODULES = [
  'kerberos', 'snappy', '@mongodb-js/zstd', 'mongodb-client-encryption', 'gcp-metadata', 'socks', 'aws4', '@aws-sdk/credential-providers',
];

/** Credential providers the SDK's default chain reaches only after the environment provider found nothing: never on Lambda. */
export const OFF_LAMBDA_CREDENTIAL_PROVIDERS = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const NAMESPACE = 'cjs-builtin';

/** Turns `import … from 'node:x'` into a `require('node:x')` (SST's ESM banner defines `require`). */
export const requireBuiltins = {
  name: 'require-builtins',
  setup(build: PluginBuild): void {
    build.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, (args) => {
      if (!BUILTINS.has(args.path)) return undefined;
      if (args.namespace === NAMESPACE) return { path: args.path, external: true };
      if (args.kind !== 'import-statement') return undefined;
      return { path: args.path.replace(/^node:/, ''), namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: `module.exports = require("node:${args.path}");`, loader: 'js' }));
  },
};

/** The `nodejs.esbuild` options of every function. */
export const FUNCTION_ESBUILD = {
  // The bundles are for the runtime they run on (SST's own target is esnext).
  target: 'node24',
  sourcesContent: false,
  external: [...MONGODB_OPTIONAL_MODULES, ...OFF_LAMBDA_CREDENTIAL_PROVIDERS],
  plugins: [requireBuiltins],
};
