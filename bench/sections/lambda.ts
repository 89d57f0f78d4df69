/**
 * Lambda artifacts: every function bundle of the SST synthesis, its size and
 * its cold start, against a hello-world bundle built with the same options;
 * what fills the liveness bundle and the largest one.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { routes, splitHandler, type RouteDef } from '@nocturnal/functions/routes';
import { v2Event } from '../../test/helpers/events';
import { buildHello, contributors, findArtifacts, groupContributors, type Artifact } from '../lib/bundles';
import { coldStarts, type ColdRun } from '../lib/cold-start';
import type { Bench } from '../lib/context';

/** The budget: 1 MB = 1,000,000 bytes of minified bundle. */
export const BUNDLE_BUDGET_BYTES = 1_000_000;
const LIVE = 'packages/functions/src/health/live';

export interface BundleResult {
  file: string;
  route?: string;
  bytes: number;
  cold?: ColdRun[];
}

export interface Contents {
  file: string;
  bytes: number;
  groups: Array<{ name: string; bytes: number }>;
  packages: Array<{ name: string; bytes: number }>;
  /** The same bundle with `@aws-sdk/*` external (nodejs24.x ships AWS SDK v3). */
  bytesWithoutAwsSdk: number;
}

export interface LambdaResults {
  /** How the artifacts were obtained. */
  source: string;
  hello: { bytes: number; cold: ColdRun[] };
  bundles: BundleResult[];
  /** health-live started without --enable-source-maps: what parsing the map costs. */
  liveWithoutSourceMaps?: ColdRun[];
  contents: Contents[];
  skipped: string[];
}

/** Measures the artifacts written since `synthStarted` (or the newest ones). `env` points the functions at the stand-ins. */
export async function runLambda(bench: Bench, opts: { env: Record<string, string>; synthStarted?: number }): Promise<LambdaResults> {
  const { settings: s, log } = bench;
  const skipped: string[] = [];
  const artifacts = await findArtifacts(opts.synthStarted ?? 0);
  const source = opts.synthStarted ? 'synthesised in this run' : 'newest existing .sst/artifacts (not re-synthesised)';
  const env = { ...opts.env, STAGE: 'bench', LOG_LEVEL: 'info' };
  const cold = (path: string, name: string, reps: number, route?: RouteDef, sourceMaps = true) => {
    log(`cold start: ${name} × ${reps}${sourceMaps ? '' : ' (no --enable-source-maps)'}`);
    const exportName = route ? splitHandler(route.handler).exportName : 'handler';
    return coldStarts(path, join(bench.tmp, 'cold', name.replaceAll('/', '_')), { exportName, event: route ? eventFor(route) : undefined, env, reps, sourceMaps });
  };
  const helloPath = await buildHello(join(bench.tmp, 'hello-src'));
  const hello = { bytes: statSync(helloPath).size, cold: await coldStarts(helloPath, join(bench.tmp, 'cold', 'hello'), { exportName: 'handler', event: v2Event({ path: '/' }), env, reps: s.coldReps, sourceMaps: true }) };

  const bundles: BundleResult[] = [];
  let liveWithoutSourceMaps: ColdRun[] | undefined;
  for (const artifact of artifacts) {
    const route = routes.find((r) => splitHandler(r.handler).file === artifact.file);
    const isLive = artifact.file === LIVE;
    // The liveness bundle gets as many runs as the reference; the others fewer, and none in quick mode.
    const reps = isLive ? s.coldReps : s.quick ? 0 : Math.max(3, Math.round(s.coldReps / 5));
    const runs = reps > 0 ? await cold(artifact.path, route?.id ?? artifact.file, reps, route) : undefined;
    if (isLive) liveWithoutSourceMaps = await cold(artifact.path, 'health-live-nomaps', reps, route, false);
    bundles.push({ file: artifact.file, route: route?.id, bytes: artifact.bytes, ...(runs ? { cold: runs } : {}) });
  }
  if (artifacts.length === 0) skipped.push('function bundles: no .sst/artifacts (run the full bench, or npm test, once)');
  else if (s.quick) skipped.push('cold start of bundles other than health-live: skipped in quick mode');

  const largest = [...artifacts].sort((a, b) => b.bytes - a.bytes)[0];
  const live = artifacts.find((a) => a.file === LIVE);
  if (s.quick) skipped.push('bundle contents (esbuild metafile): skipped in quick mode');
  else log('bundle contents (esbuild metafile)');
  const contents = s.quick ? [] : await Promise.all([live, largest].filter((a): a is Artifact => !!a).map(analyse));
  return { source, hello, bundles, ...(liveWithoutSourceMaps ? { liveWithoutSourceMaps } : {}), contents, skipped };
}

async function analyse(artifact: Artifact): Promise<Contents> {
  const packages = await contributors(artifact.file);
  const withoutSdk = await contributors(artifact.file, ['@aws-sdk/*']);
  return {
    file: artifact.file,
    bytes: artifact.bytes,
    groups: groupContributors(packages),
    packages: packages.slice(0, 10),
    bytesWithoutAwsSdk: artifact.bytes - packages.reduce((a, p) => a + p.bytes, 0) + withoutSdk.reduce((a, p) => a + p.bytes, 0),
  };
}

/** The route's own request, anonymous and without a body: the first answer may be 401 or 400, after a full cold start. */
function eventFor(route: RouteDef) {
  if (route.path === '$default') return v2Event({ path: '/nope', routeKey: '$default' });
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => [m[1]!, 'x']));
  const method = route.method === 'ANY' ? 'GET' : route.method;
  const path = route.path.replace(/\{(\w+)\+?\}/g, 'x');
  return v2Event({ method, path, routeKey: `${method} ${route.path}`, params });
}
