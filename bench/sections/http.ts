/**
 * Throughput and latency over HTTP on 127.0.0.1: the bare baseline (before and
 * after, to see drift), the dependencies alone, the container server (one
 * process; memory and Redis limiters; metrics on and METRICS_PORT=off) and the
 * peer. Nginx: see nginx.ts.
 */
import type { Bench } from '../lib/context';
import { RESULTS } from '../lib/context';
import { probeSequential, runLoad, type LoadResult, type ProbeResult } from '../lib/load';
import { startProc, type Proc } from '../lib/procs';
import { runNginx } from './nginx';

export interface HttpDeps {
  /** The container server's esbuild bundle (dist/server/main.mjs). */
  bundle: string;
  mongoUri: string;
  /** The Upstash-REST stand-in; absent without redis-server. */
  upstash?: { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };
  /** redis-server behind the proxy, for the direct comparison. */
  redisUrl?: string;
  /** Stand-in processes, for CPU accounting. */
  pids: { mongo: number; upstash?: number };
  jwks: string;
  publicPem: string;
}

export interface HttpResults {
  baseline: LoadResult;
  /** The baseline measured again at the end: how much the machine drifted during the run. */
  baselineAfter: LoadResult;
  ceilings: { mongoReadsPerSecond: number; upstashLimitP50?: number; redisIncrP50?: number };
  peer: { health: LoadResult; me: LoadResult };
  container: {
    health: LoadResult;
    meMemory: LoadResult;
    probeMemory: ProbeResult;
    meRedis?: LoadResult;
    probeRedis?: ProbeResult;
    /** The shared limiter over RESP (REDIS_URL), as containers run it. */
    meResp?: LoadResult;
    probeResp?: ProbeResult;
    /** The account check re-reading MongoDB on every request (AUTH_STATE_CACHE_MS=0): what revocation costs uncached. */
    meNoCache?: LoadResult;
    /**
     * users/me with metrics on (the default, prom-client) and with METRICS_PORT=off, run
     * on, off, off, on (ABBA: a linear drift of the machine cancels out); `meMemory` is the first on-run.
     */
    metrics: { on: LoadResult[]; off: LoadResult[] };
  };
  /** The second peer: Fastify + jose + @fastify/rate-limit (memory, and Redis over ioredis). */
  fastify: { me: LoadResult; meRedis?: LoadResult };
  /** Bare node:http doing only users/me's work: jose verify, one findOne, one INCR over RESP. */
  floor?: LoadResult;
  /** Nginx answering /health itself over HTTPS: the edge's own ceiling. */
  nginxAlone?: LoadResult;
  nginx: Array<{ instances: number; me: LoadResult }>;
  skipped: string[];
}

export const ME = '/api/v1/users/me';

/** The container's environment: production configuration pointing at the stand-ins, limits high enough never to reject. */
export function containerEnv(deps: Pick<HttpDeps, 'mongoUri' | 'jwks'>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MONGODB_URI: deps.mongoUri,
    BUCKET_NAME: 'bench',
    S3_ENDPOINT: 'http://127.0.0.1:9',
    S3_ACCESS_KEY_ID: 'bench',
    S3_SECRET_ACCESS_KEY: 'bench',
    JWT_PRIVATE_JWKS: deps.jwks,
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    RATE_LIMIT_API: '1000000/1h',
    RATE_LIMIT_AUTH: '1000/1m',
    WEB_CONCURRENCY: '1',
    SHUTDOWN_GRACE_SECONDS: '2',
    STAGE: 'bench',
    PORT: '0',
    // Servers start side by side: each scrape port is a free one (read from the banner when needed).
    METRICS_PORT: '0',
    ...extra,
  };
}

/** One container server process, started as the Dockerfile does: node --enable-source-maps main.mjs. */
export async function startContainer(bench: Bench, deps: HttpDeps, name: string, extra: Record<string, string>, nodeArgs: string[] = []): Promise<{ proc: Proc; url: string }> {
  const proc = startProc(name, process.execPath, ['--enable-source-maps', ...nodeArgs, deps.bundle, '--host', '127.0.0.1'], { env: containerEnv(deps, extra), logDir: bench.tmp });
  return { proc, url: (await proc.waitFor(/listening on (http:\/\/[\d.]+:\d+)/))[1]! };
}

export async function runHttp(bench: Bench, deps: HttpDeps): Promise<HttpResults> {
  const { settings: s, log } = bench;
  const skipped: string[] = [];
  const load = (url: string, cpu: Record<string, number | undefined>, headers?: Record<string, string>) =>
    runLoad({ url, headers, ...s, cpu: Object.fromEntries(Object.entries(cpu).filter((e): e is [string, number] => e[1] !== undefined)) });
  const prof = (name: string) => (s.profile ? ['--cpu-prof', '--cpu-prof-dir', RESULTS, '--cpu-prof-name', `${name}.cpuprofile`] : []);

  log('dependencies alone: MongoDB stand-in reads; a limit check through the Upstash REST proxy and straight to Redis');
  const ceilingEnv = { MONGODB_URI: deps.mongoUri, SECONDS: String(s.seconds), PROBES: String(Math.min(500, s.probeCount)), ...deps.upstash, ...(deps.redisUrl ? { REDIS_URL: deps.redisUrl } : {}) };
  const ceilings = (await bench.script('ceilings', 'ceilings.ts', { env: ceilingEnv, timeoutMs: 120_000 })).info as unknown as HttpResults['ceilings'];

  // Every server starts now, side by side (idle servers cost nothing), and each is stopped after its turn.
  log('starting the baseline, the container (memory limiter, Redis limiter) and the peer');
  const peerEnv = { MONGODB_URI: deps.mongoUri, JWT_PUBLIC_PEM: deps.publicPem };
  const resp = deps.redisUrl ? { REDIS_URL: deps.redisUrl } : undefined;
  const [base, mem, noMetrics, red, respProc, noCache, peerProc, fastifyMem, fastifyRedis, floorProc] = await Promise.all([
    bench.script('baseline', 'baseline.ts'),
    startContainer(bench, deps, 'container-memory', {}, prof('container-me-memory')),
    startContainer(bench, deps, 'container-no-metrics', { METRICS_PORT: 'off' }, prof('container-me-no-metrics')),
    deps.upstash ? startContainer(bench, deps, 'container-redis', deps.upstash, prof('container-me-redis')) : undefined,
    resp ? startContainer(bench, deps, 'container-resp', resp, prof('container-me-resp')) : undefined,
    startContainer(bench, deps, 'container-nocache', { AUTH_STATE_CACHE_MS: '0' }),
    bench.script('peer', 'peer.ts', { env: peerEnv, nodeArgs: prof('peer') }),
    bench.script('peer-fastify', 'peer-fastify.ts', { env: peerEnv, nodeArgs: prof('peer-fastify') }),
    resp ? bench.script('peer-fastify-redis', 'peer-fastify.ts', { env: { ...peerEnv, ...resp } }) : undefined,
    resp ? bench.script('floor-me', 'floor-me.ts', { env: { ...peerEnv, ...resp }, nodeArgs: prof('floor-me') }) : undefined,
  ]);
  const auth = await register(mem.url);
  // A server is stopped in the background once measured (a drain takes seconds, most of them idle).
  const stopping: Array<Promise<void>> = [];

  log('baseline: bare node:http');
  const baseline = await load(base.info.url!, { server: base.proc.child.pid });

  log('container, 1 process, memory limiter: /health, users/me');
  const memCpu = { server: mem.proc.child.pid, 'mongo stand-in': deps.pids.mongo };
  const health = await load(`${mem.url}/health`, memCpu);
  const meMemory = await load(`${mem.url}${ME}`, memCpu, auth);
  const probeMemory = await probeSequential(`${mem.url}${ME}`, auth, s.probeCount);
  log('container, 1 process, memory limiter: users/me with METRICS_PORT=off, twice, then metrics on again');
  const offCpu = { server: noMetrics.proc.child.pid, 'mongo stand-in': deps.pids.mongo };
  const off = [await load(`${noMetrics.url}${ME}`, offCpu, auth), await load(`${noMetrics.url}${ME}`, offCpu, auth)];
  const metrics = { on: [meMemory, await load(`${mem.url}${ME}`, memCpu, auth)], off };
  stopping.push(mem.proc.stop(), noMetrics.proc.stop());
  const container: HttpResults['container'] = { health, meMemory, probeMemory, metrics };

  if (red) {
    log('container, 1 process, Redis limiter through the Upstash REST proxy');
    container.meRedis = await load(`${red.url}${ME}`, { server: red.proc.child.pid, 'mongo stand-in': deps.pids.mongo, 'upstash proxy + redis': deps.pids.upstash }, auth);
    container.probeRedis = await probeSequential(`${red.url}${ME}`, auth, s.probeCount);
    stopping.push(red.proc.stop());
  } else skipped.push('Redis limiter: no redis-server on the PATH');

  if (respProc) {
    log('container, 1 process, Redis limiter over RESP (REDIS_URL)');
    container.meResp = await load(`${respProc.url}${ME}`, { server: respProc.proc.child.pid, 'mongo stand-in': deps.pids.mongo }, auth);
    container.probeResp = await probeSequential(`${respProc.url}${ME}`, auth, s.probeCount);
    stopping.push(respProc.proc.stop());
  } else skipped.push('RESP limiter: no redis-server on the PATH');

  log('container, 1 process, memory limiter, account check uncached (AUTH_STATE_CACHE_MS=0)');
  container.meNoCache = await load(`${noCache.url}${ME}`, { server: noCache.proc.child.pid, 'mongo stand-in': deps.pids.mongo }, auth);
  stopping.push(noCache.proc.stop());

  log('peer: Fastify + jose + @fastify/rate-limit + mongodb');
  const fastify: HttpResults['fastify'] = { me: await load(`${fastifyMem.info.url}${ME}`, { server: fastifyMem.proc.child.pid, 'mongo stand-in': deps.pids.mongo }, auth) };
  stopping.push(fastifyMem.proc.stop());
  if (fastifyRedis) {
    fastify.meRedis = await load(`${fastifyRedis.info.url}${ME}`, { server: fastifyRedis.proc.child.pid, 'mongo stand-in': deps.pids.mongo }, auth);
    stopping.push(fastifyRedis.proc.stop());
  }
  let floor: LoadResult | undefined;
  if (floorProc) {
    log('floor: bare node:http, jose verify + findOne + INCR over RESP');
    floor = await load(`${floorProc.info.url}${ME}`, { server: floorProc.proc.child.pid, 'mongo stand-in': deps.pids.mongo }, auth);
    stopping.push(floorProc.proc.stop());
  }

  log('peer: Express + jsonwebtoken + express-rate-limit + mongodb');
  const peerCpu = { server: peerProc.proc.child.pid, 'mongo stand-in': deps.pids.mongo };
  const peer = { health: await load(`${peerProc.info.url}/health`, peerCpu), me: await load(`${peerProc.info.url}${ME}`, peerCpu, auth) };
  stopping.push(peerProc.proc.stop());

  const nginx = await runNginx(bench, deps, auth, skipped);

  log('baseline again: drift over the run');
  const baselineAfter = await load(base.info.url!, { server: base.proc.child.pid });
  await Promise.all([base.proc.stop(), ...stopping]);
  return { baseline, baselineAfter, ceilings, peer, fastify, floor, container, ...nginx, skipped };
}

/** Registers the bench's user; its access token authenticates every users/me request, on every server. */
async function register(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-1', name: 'Bench' }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (!res.ok || !body.accessToken) throw new Error(`register: ${res.status} ${JSON.stringify(body)}`);
  return { authorization: `Bearer ${body.accessToken}` };
}
