/**
 * `npm run bench [-- --quick] [-- --profile] [-- --reuse-artifacts]`: every
 * measurement of issue 8 on 127.0.0.1, one table, the budgets, and the raw
 * results + a chart in bench/results/ (latest.* for a full run, latest-quick.* for --quick).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles } from '../packages/server/src/container/build';
import { findRedisServer } from '../packages/standins/src/upstash/find-redis-server';
import { chartSvg } from './lib/chart';
import { createBench, RESULTS, settingsFor } from './lib/context';
import { contentsText, markdownTable, textTable } from './lib/format';
import { machine } from './lib/machine';
import { installCleanup, stopAll } from './lib/procs';
import { buildRows, checkBudgets } from './lib/rows';
import { runHttp, type HttpDeps } from './sections/http';
import { runLambda } from './sections/lambda';
import { runScrypt } from './sections/scrypt';

installCleanup();
const { values } = parseArgs({ options: { quick: { type: 'boolean' }, profile: { type: 'boolean' }, 'reuse-artifacts': { type: 'boolean' } } });
const settings = settingsFor({ quick: !!values.quick, profile: !!values.profile, reuseArtifacts: !!values['reuse-artifacts'] });
const bench = createBench(settings);
const before = machine();
const t0 = Date.now();
let ok = false;
// Also on Ctrl-C or a crash: the children's logs stay for a look.
process.once('exit', () => ok || process.stderr.write(`bench did not finish; logs kept in ${bench.tmp}\n`));
try {
  bench.log(`scrypt × ${settings.scryptReps}`);
  const scrypt = await runScrypt(settings.scryptReps);

  // Setup, not measurement: the SST synthesis (every function bundled) and the container bundle, side by side.
  const synthesise = !settings.quick && !settings.reuseArtifacts;
  const synthStarted = synthesise ? Date.now() - 1000 : undefined;
  bench.log(synthesise ? 'synthesising the SST stacks (bundles every function; minutes on a busy machine)' : 'reusing the newest .sst/artifacts');
  const prof = (name: string) => (settings.profile ? ['--cpu-prof', '--cpu-prof-dir', RESULTS, '--cpu-prof-name', `${name}.cpuprofile`] : []);
  const [{ server: bundle }, mongo, upstash, s3] = await Promise.all([
    buildBundles({ outdir: join(bench.tmp, 'dist') }),
    bench.script('mongo', 'standins.ts', { args: ['mongo'], nodeArgs: prof('mongo-standin') }),
    findRedisServer() ? bench.script('upstash', 'standins.ts', { args: ['upstash'], nodeArgs: prof('upstash-proxy') }) : undefined,
    bench.script('s3', 'standins.ts', { args: ['s3'] }),
    synthesise ? bench.script('synth', 'synth.ts', { env: { NODE_ENV: 'test', HOME: process.env.HOME ?? '' }, timeoutMs: 900_000 }) : undefined,
  ]);
  bench.log('stand-ins ready: MongoDB wire server, redis-server + Upstash REST proxy, s3rver');
  // ES256 on both sides: jsonwebtoken (the peer) has no EdDSA.
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const deps: HttpDeps = {
    bundle,
    mongoUri: mongo.info.MONGODB_URI!,
    ...(upstash
      ? {
          upstash: { UPSTASH_REDIS_REST_URL: upstash.info.UPSTASH_REDIS_REST_URL!, UPSTASH_REDIS_REST_TOKEN: upstash.info.UPSTASH_REDIS_REST_TOKEN! },
          redisUrl: upstash.info.REDIS_URL!,
        }
      : {}),
    pids: { mongo: mongo.proc.child.pid!, ...(upstash ? { upstash: upstash.proc.child.pid! } : {}) },
    jwks: JSON.stringify({ keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'bench', alg: 'ES256', use: 'sig' }] }),
    publicPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
  };

  const lambda = await runLambda(bench, {
    deps: {
      mongoUri: deps.mongoUri,
      ...(deps.upstash ? { upstash: deps.upstash } : {}),
      s3: { endpoint: s3.info.S3_ENDPOINT!, bucket: s3.info.BUCKET_NAME! },
      jwks: deps.jwks,
      plain: { RATE_LIMIT_API: '1000000/1h', RATE_LIMIT_AUTH: '1000000/1h' },
    },
    synthStarted,
  });
  const http = await runHttp(bench, deps);

  const rows = buildRows(http, lambda, scrypt);
  const budgets = checkBudgets(http, lambda);
  const skipped = [...http.skipped, ...lambda.skipped];
  const after = machine();
  const stamp = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${before.summary}${settings.quick ? ', quick mode' : ''}`;
  const table = textTable(rows, budgets);
  process.stdout.write(`\nNocturnal API benchmarks — ${stamp}\n${settings.connections} connections, ${settings.seconds} s per run after ${settings.warmupSeconds} s warm-up; load average ${before.load} → ${after.load}\n\n${table}\n`);
  if (skipped.length) process.stdout.write(`\nSkipped:\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`);
  const contents = contentsText(lambda.functions);
  if (contents) process.stdout.write(`\n${contents}\n`);

  mkdirSync(RESULTS, { recursive: true });
  const name = settings.quick ? 'latest-quick' : 'latest';
  const raw = { date: new Date().toISOString(), machine: { ...before, loadAfter: after.load }, settings, seconds: (Date.now() - t0) / 1000, budgets, skipped, rows, http, lambda, scrypt };
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(raw, null, 2)}\n`);
  writeFileSync(join(RESULTS, `${name}.svg`), chartSvg(rows, stamp));
  writeFileSync(join(RESULTS, `${name}.md`), `${stamp}\n\n${markdownTable(rows, budgets)}\n\n${contents}\n`);
  process.stdout.write(`\nWrote bench/results/${name}.{json,svg,md} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  ok = true;
} finally {
  await stopAll();
  if (ok) rmSync(bench.tmp, { recursive: true, force: true });
}
process.exit(0);
