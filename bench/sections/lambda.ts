/**
 * Lambda artifacts: every function bundle of the SST synthesis, its size, what
 * fills it (its three largest packages) and its cold start on Node 24, against
 * the hello-world bundle and against the same-work floor of its dependency set
 * (the floor pieces whose libraries the bundle holds), all built alike; and
 * what mapped stack traces cost, three ways.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { loadKeySet } from '../../packages/core/src/auth/keys';
import { signAccessToken } from '../../packages/core/src/auth/sign-access-token';
import { secretsOf } from '../../packages/core/src/resources';
import { mongoUserRepository } from '../../packages/core/src/users/users.mongo';
import { jobs } from '../../packages/functions/src/routes/jobs';
import { resourcesOf, routes, splitHandler, type FunctionDef, type RouteDef } from '../../packages/functions/src/routes';
import { v2Event } from '../../test/helpers/events';
import { buildFloor, buildHello, contributors, dependencySet, findArtifacts, groupContributors, SST_ESBUILD_VERSION, type Artifact, type FloorPiece } from '../lib/bundles';
import { coldStarts, type ColdRun } from '../lib/cold-start';
import { RESULTS, type Bench } from '../lib/context';
import { firstEventOf, type Identities } from '../lib/first-events';

export const LIVE_ID = 'health-live';
/** The bundle whose source-map variants are measured beside /health: a large one. */
const LARGE_ID = 'users-me-get';

export interface LambdaDeps {
  mongoUri: string;
  upstash?: { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };
  s3: { endpoint: string; bucket: string };
  /** The private JWK set the bench signs with. */
  jwks: string;
  /** Plain settings every function gets (limits high enough never to reject). */
  plain: Record<string, string>;
}

export interface FunctionResult {
  id: string;
  file: string;
  bytes: number;
  /** Largest packages first. */
  packages: Array<{ name: string; bytes: number }>;
  groups: Array<{ name: string; bytes: number }>;
  /** The floor of its dependency set (FloorResult.key). */
  floor: string;
  cold?: ColdRun[];
}

export interface FloorResult {
  key: string;
  pieces: string[];
  bytes: number;
  cold: ColdRun[];
}

export interface SourceMapResult {
  id: string;
  variant: string;
  cold: ColdRun[];
}

export interface LambdaResults {
  /** How the artifacts were obtained. */
  source: string;
  esbuild: string;
  node: string;
  hello: { bytes: number; cold: ColdRun[] };
  floors: FloorResult[];
  functions: FunctionResult[];
  sourceMaps: SourceMapResult[];
  skipped: string[];
}

const HELLO = 'hello world';

export async function runLambda(bench: Bench, opts: { deps: LambdaDeps; synthStarted?: number }): Promise<LambdaResults> {
  const { settings: s, log } = bench;
  const { deps } = opts;
  const skipped: string[] = [];
  const artifacts = await findArtifacts(opts.synthStarted ?? 0);
  const source = opts.synthStarted ? 'synthesised in this run' : 'newest existing .sst/artifacts (not re-synthesised)';
  const defs: Array<FunctionDef & Partial<RouteDef>> = [...routes, ...jobs];
  const defOf = (a: Artifact) => defs.find((d) => splitHandler(d.handler).file === a.file);
  const ids = await seedIdentities(deps);
  const env = (def?: FunctionDef & Partial<RouteDef>) => functionEnv(def, deps);
  const dir = (name: string) => join(bench.tmp, 'cold', name.replaceAll('/', '_').replaceAll(' ', '_'));
  const reps = (id: string) => (id === LIVE_ID || id === HELLO ? s.coldReps : s.quick ? 0 : Math.max(5, Math.round(s.coldReps / 3)));

  log(`hello world × ${s.coldReps}`);
  const helloPath = await buildHello(join(bench.tmp, 'hello-src'));
  const hello = { bytes: statSync(helloPath).size, cold: await coldStarts(helloPath, dir('hello'), { exportName: 'handler', event: v2Event({ path: '/' }), env: env(), reps: s.coldReps }) };

  // What fills every bundle (its esbuild metafile): the contents section and each function's dependency set.
  log(`bundle contents (esbuild ${SST_ESBUILD_VERSION} metafile) of ${s.quick ? 'health-live' : `${artifacts.length} functions`}`);
  const analysed = s.quick ? artifacts.filter((a) => defOf(a)?.id === LIVE_ID) : artifacts;
  const contents = new Map<string, Array<{ name: string; bytes: number }>>();
  for (let i = 0; i < analysed.length; i += 2) {
    await Promise.all(analysed.slice(i, i + 2).map(async (a) => contents.set(a.file, await contributors(a.file))));
  }
  const withUpstash = (pieces: FloorPiece[]) => (deps.upstash ? pieces : pieces.filter((p) => p.module !== 'upstash-limit'));
  const setOf = (a: Artifact) => withUpstash(dependencySet(contents.get(a.file) ?? []));
  const keyOf = (pieces: readonly FloorPiece[]) => (pieces.length ? pieces.map((p) => p.name).join(' + ') : HELLO);

  // One floor per dependency set found, built like a function and timed like one.
  const floors: FloorResult[] = [];
  if (!s.quick) {
    const sets = new Map(analysed.map((a) => [keyOf(setOf(a)), setOf(a)] as const));
    for (const [key, pieces] of sets) {
      if (pieces.length === 0) continue;
      log(`floor: ${key} × ${s.coldReps}`);
      const path = await buildFloor(join(bench.tmp, 'floors', key.replace(/\W+/g, '-')), pieces);
      const cold = await coldStarts(path, dir(`floor ${key}`), { exportName: 'handler', event: {}, env: floorEnv(deps, ids), reps: s.coldReps });
      floors.push({ key, pieces: pieces.map((p) => p.name), bytes: statSync(path).size, cold });
      if (s.profile) await coldStarts(path, dir(`floor ${key} profiled`), { exportName: 'handler', event: {}, env: floorEnv(deps, ids), reps: 1, nodeArgs: profileArgs(`cold-floor-${key.replace(/\W+/g, '-')}`) });
    }
  } else skipped.push('floors and the cold starts of bundles other than health-live: skipped in quick mode');

  const functions: FunctionResult[] = [];
  for (const artifact of artifacts) {
    const def = defOf(artifact);
    const id = def?.id ?? artifact.file;
    const packages = contents.get(artifact.file) ?? [];
    const n = def ? reps(id) : 0;
    if (n > 0) log(`cold start: ${id} × ${n}`);
    const run = { exportName: splitHandler(def!.handler).exportName, event: firstEventOf(def!, ids), env: env(def) };
    const cold = n > 0 ? await coldStarts(artifact.path, dir(id), { ...run, reps: n }) : undefined;
    // With --profile, one more (untimed) start of each function under the CPU profiler.
    if (cold && s.profile) await coldStarts(artifact.path, dir(`${id} profiled`), { ...run, reps: 1, nodeArgs: profileArgs(`cold-${id}`) });
    const floor = contents.has(artifact.file) ? keyOf(setOf(artifact)) : 'not analysed (quick mode)';
    functions.push({ id, file: artifact.file, bytes: artifact.bytes, packages, groups: groupContributors(packages), floor, ...(cold ? { cold } : {}) });
  }
  if (artifacts.length === 0) skipped.push('function bundles: no .sst/artifacts (run the full bench, or the infra test, once)');

  // Mapped stack traces three ways: as deployed (no flag, the map parsed on the first stack), Node's flag, no map at all.
  const sourceMaps: SourceMapResult[] = [];
  for (const id of s.quick ? [LIVE_ID] : [LIVE_ID, LARGE_ID]) {
    const def = defs.find((d) => d.id === id);
    const artifact = artifacts.find((a) => def && defOf(a) === def);
    if (!def || !artifact) continue;
    const variants: Array<[string, { nodeArgs?: string[]; map?: boolean }]> = [
      ['as deployed: no flag, mapped on first use', {}],
      ['node --enable-source-maps', { nodeArgs: ['--enable-source-maps'] }],
      ['no source map (unmapped stacks)', { map: false }],
    ];
    for (const [variant, v] of variants) {
      log(`source maps: ${id}, ${variant}`);
      const cold = await coldStarts(artifact.path, dir(`${id} ${variant}`), { exportName: splitHandler(def.handler).exportName, event: firstEventOf(def, ids), env: env(def), reps: id === LIVE_ID ? s.coldReps : reps(id), firstError: true, ...v });
      sourceMaps.push({ id, variant, cold });
    }
  }
  return { source, esbuild: SST_ESBUILD_VERSION, node: process.version, hello, floors, functions, sourceMaps, skipped };
}

/** node --cpu-prof into bench/results (git-ignored profiles; read them with bench/profile-top.ts). */
function profileArgs(name: string): string[] {
  return ['--cpu-prof', '--cpu-prof-dir', RESULTS, '--cpu-prof-name', `${name}.cpuprofile`, '--cpu-prof-interval', '100'];
}

/** A function's environment as deployed: its own secrets as SST's prefetcher leaves them, its plain settings, the bucket only where it has it. */
function functionEnv(def: (FunctionDef & Partial<RouteDef>) | undefined, deps: LambdaDeps): Record<string, string> {
  const privateKeys = loadKeySet(deps.jwks);
  const values: Record<string, string | undefined> = {
    MONGODB_URI: deps.mongoUri,
    JWT_PRIVATE_JWKS: deps.jwks,
    JWT_PUBLIC_JWKS: JSON.stringify(privateKeys.jwks),
    ...deps.upstash,
  };
  const env: Record<string, string> = {
    SST_APP: 'nocturnal-api', SST_STAGE: 'bench', SST_SSM_PREFIX: '/sst/nocturnal-api/bench/', AWS_REGION: 'us-east-1',
    ...deps.plain, STAGE: 'bench', LOG_LEVEL: 'info',
  };
  if (!def) return env;
  const resources = resourcesOf(def);
  for (const name of secretsOf(resources)) if (values[name]) env[`SST_Secret_value_${name}`] = values[name]!;
  if (resources.includes('bucket')) Object.assign(env, s3Settings(deps));
  return env;
}

function s3Settings(deps: LambdaDeps): Record<string, string> {
  return { BUCKET_NAME: deps.s3.bucket, S3_ENDPOINT: deps.s3.endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1' };
}

/** The floors' inputs: the same stand-ins, the seeded user, the admin's token and the public key. */
function floorEnv(deps: LambdaDeps, ids: Identities & { userId: string }): Record<string, string> {
  return {
    MONGODB_URI: deps.mongoUri,
    FLOOR_USER_ID: ids.userId,
    FLOOR_TOKEN: ids.admin,
    FLOOR_PUBLIC_JWK: JSON.stringify(loadKeySet(deps.jwks).jwks.keys[0]),
    ...deps.upstash,
    ...s3Settings(deps),
  };
}

/** An admin in the MongoDB stand-in and tokens for it (and for an account that does not exist). */
async function seedIdentities(deps: LambdaDeps): Promise<Identities & { userId: string }> {
  const client = new MongoClient(deps.mongoUri);
  try {
    const users = mongoUserRepository(client.db('nocturnal'));
    await users.ensureIndexes();
    const email = `bench-admin-${Date.now()}@example.com`;
    const user = await users.create({ email, name: null, role: 'admin', passwordHash: 'not-a-hash: never logs in' }, new Date());
    const keys = loadKeySet(deps.jwks);
    const settings = { issuer: 'nocturnal-api', audience: 'nocturnal-api', ttlSeconds: 3600 };
    const admin = (await signAccessToken(keys, { userId: user.id, email, role: 'admin', tokenVersion: user.tokenVersion }, settings)).token;
    const ghost = (await signAccessToken(keys, { userId: '0123456789abcdef01234567', email: 'ghost@example.com', role: 'user' }, settings)).token;
    return { admin, ghost, bucket: deps.s3.bucket, userId: user.id };
  } finally {
    await client.close();
  }
}
