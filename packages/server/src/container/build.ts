/**
 * Bundles the container images' programs with esbuild, dependencies included,
 * so the runtime image needs no node_modules:
 * - `<outdir>/server/main.mjs`: the container server, every handler of the route table inside;
 * - `<outdir>/upstash-proxy/main.mjs`: the Upstash-REST proxy in front of Redis.
 *
 *   npx tsx packages/server/src/container/build.ts [--outdir dist]
 *
 * @example
 * const { server } = await buildBundles({ outdir: 'dist' }); // dist/server/main.mjs
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { MONGODB_OPTIONAL_MODULES } from '@nocturnal/functions/bundling';
import { routes } from '@nocturnal/functions/routes';
import { PROJECT_ROOT } from '../project-root';
import { bundleEntrySource } from './bundle-entry';


const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The image and the functions run Node 24.
  target: 'node24',
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'none',
  // The MongoDB driver's optional add-ons: absent, the driver does without them.
  external: MONGODB_OPTIONAL_MODULES,
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __nocturnalRequire } from 'node:module'; const require = __nocturnalRequire(import.meta.url);" },
  logLevel: 'warning',
};

export interface Bundles {
  server: string;
  upstashProxy: string;
}

/** Builds both bundles into `outdir` (default `dist/` at the project root). */
export async function buildBundles(opts: { outdir?: string } = {}): Promise<Bundles> {
  const outdir = resolve(PROJECT_ROOT, opts.outdir ?? 'dist');
  await Promise.all([
    build({
      ...common,
      absWorkingDir: PROJECT_ROOT,
      stdin: { contents: bundleEntrySource(routes), resolveDir: PROJECT_ROOT, sourcefile: 'container-entry.ts', loader: 'ts' },
      outfile: join(outdir, 'server', 'main.mjs'),
    }),
    build({
      ...common,
      entryPoints: [join(PROJECT_ROOT, 'packages/standins/src/upstash/cli.ts')],
      outfile: join(outdir, 'upstash-proxy', 'main.mjs'),
    }),
  ]);
  return { server: join(outdir, 'server', 'main.mjs'), upstashProxy: join(outdir, 'upstash-proxy', 'main.mjs') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  const out = await buildBundles({ outdir: values.outdir });
  process.stdout.write(`built ${out.server}\nbuilt ${out.upstashProxy}\n`);
}
