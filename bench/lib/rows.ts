/** The results as one list of table rows, and the issue's budgets as met / not met. */
import type { HttpResults } from '../sections/http';
import type { LoadResult } from './load';
import { LIVE_ID, type LambdaResults } from '../sections/lambda';
import type { ScryptResult } from '../sections/scrypt';
import { median } from './load';

export interface Row {
  section: string;
  name: string;
  rps?: number;
  p50?: number;
  p99?: number;
  /** Against the section's baseline (HTTP: the bare server; cold start: the hello-world bundle). */
  vsBaseline?: number;
  /** Against the Express peer. */
  vsPeer?: number;
  /** Against the Fastify peer (same limiter store). */
  vsFastify?: number;
  /** Cold start against the same-work floor of the function's dependency set. */
  vsFloor?: number;
  note?: string;
}

export interface Budget {
  budget: string;
  measured: string;
  /** null: not measured in this run. */
  met: boolean | null;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
const max = (v: number[]) => Math.max(...v);

/** The budget of the Prometheus endpoint: users/me with metrics on keeps this share of its throughput with them off. */
export const METRICS_COST_BUDGET = 0.95;

/** Runs of one server averaged (rps, latencies and CPU per request). */
export function meanLoad(runs: readonly LoadResult[]): LoadResult {
  const mean = (f: (r: LoadResult) => number) => runs.reduce((sum, r) => sum + f(r), 0) / runs.length;
  const names = Object.keys(runs[0]?.cpuUsPerRequest ?? {});
  return {
    ...runs[0]!,
    rps: mean((r) => r.rps),
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
    cpuUsPerRequest: Object.fromEntries(names.map((n) => [n, mean((r) => r.cpuUsPerRequest[n] ?? 0)])),
  };
}

/** users/me with metrics on over METRICS_PORT=off, each the mean of its ABBA runs. */
export function metricsRatio(http: HttpResults): { ratio: number; on: LoadResult; off: LoadResult } {
  const on = meanLoad(http.container.metrics.on);
  const off = meanLoad(http.container.metrics.off);
  return { ratio: on.rps / off.rps, on, off };
}

/** The bare baseline: the mean of the runs before and after everything else. */
export const baselineRps = (http: HttpResults) => (http.baseline.rps + http.baselineAfter.rps) / 2;

const cpuNote = (cpu: Record<string, number> | undefined) =>
  cpu && Object.keys(cpu).length > 1 ? `CPU µs/req: ${Object.entries(cpu).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}` : '';

export function buildRows(http: HttpResults, lambda: LambdaResults, scrypt: ScryptResult): Row[] {
  const base = baselineRps(http);
  const load = (section: string, name: string, r: { rps: number; p50: number; p99: number; failures?: number; cpuUsPerRequest?: Record<string, number> }, peer?: number, note = '', fastifyRps?: number): Row => ({
    section,
    name,
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    vsBaseline: r.rps / base,
    ...(peer ? { vsPeer: r.rps / peer } : {}),
    ...(fastifyRps ? { vsFastify: r.rps / fastifyRps } : {}),
    note: [note, r.failures ? `${r.failures} failed requests` : '', cpuNote(r.cpuUsPerRequest)].filter(Boolean).join('; '),
  });
  const { peer, container: c, fastify: fx } = http;
  const vsFloor = (rps: number) => (http.floor ? `×${(rps / http.floor.rps).toFixed(2)} floor` : '');
  const rows: Row[] = [
    load('Baseline', 'bare node:http hello world, first', http.baseline),
    load('Baseline', 'bare node:http hello world, last', http.baselineAfter, undefined, 'the mean of both is the baseline'),
    load('Peer: Express + jsonwebtoken + express-rate-limit', 'GET /health', peer.health, peer.health.rps),
    load('Peer: Express + jsonwebtoken + express-rate-limit', 'GET /api/v1/users/me (memory limit)', peer.me, peer.me.rps),
    load('Nocturnal container server, 1 process', 'GET /health', c.health, peer.health.rps),
    load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, memory limiter', c.meMemory, peer.me.rps, vsFloor(c.meMemory.rps), fx.me.rps),
  ];
  rows.push(load('Peer: Fastify + jose + @fastify/rate-limit', 'GET /api/v1/users/me (memory limit)', fx.me, peer.me.rps, '', fx.me.rps));
  if (fx.meRedis) rows.push(load('Peer: Fastify + jose + @fastify/rate-limit', 'GET /api/v1/users/me (Redis store, ioredis)', fx.meRedis, peer.me.rps));
  if (http.floor) rows.push(load('Same-work floor: bare node:http', 'users/me: jose verify + findOne + INCR over RESP', http.floor, peer.me.rps, 'the physical limit of the route here'));
  if (c.meRedis) rows.push(load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, Redis limiter (Upstash REST proxy)', c.meRedis, peer.me.rps));
  if (c.meResp) rows.push(load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, Redis limiter (RESP)', c.meResp, peer.me.rps, [`×${(c.meResp.rps / c.meMemory.rps).toFixed(2)} memory row`, vsFloor(c.meResp.rps)].filter(Boolean).join('; '), fx.meRedis?.rps));
  const mx = metricsRatio(http);
  const serverCpu = (r: LoadResult) => Math.round(r.cpuUsPerRequest.server ?? 0);
  rows.push(
    load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, memory limiter, metrics on (mean of 2 runs)', mx.on, peer.me.rps, `prom-client recording every request; server CPU ${serverCpu(mx.on)} µs/req`),
    load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, memory limiter, METRICS_PORT=off (mean of 2 runs)', mx.off, peer.me.rps, `metrics on ×${mx.ratio.toFixed(3)} of this (runs on, off, off, on); server CPU ${serverCpu(mx.off)} µs/req`),
  );
  if (c.meNoCache) rows.push(load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, account check uncached', c.meNoCache, peer.me.rps, `×${(c.meNoCache.rps / c.meMemory.rps).toFixed(2)} the cached row: what the revocation read costs without the per-instance cache`));
  const seq = 'Nocturnal, 1 process, 1 connection (sequential)';
  rows.push(load(seq, 'users/me, memory limiter', c.probeMemory, undefined, 'latency from hrtime (µs precision)'));
  if (c.probeRedis) rows.push(load(seq, 'users/me, Redis limiter (REST)', c.probeRedis, undefined, `+${(c.probeRedis.p50 - c.probeMemory.p50).toFixed(2)} ms p50 over memory`));
  if (c.probeResp) rows.push(load(seq, 'users/me, Redis limiter (RESP)', c.probeResp, undefined, `+${(c.probeResp.p50 - c.probeMemory.p50).toFixed(2)} ms p50 over memory`));
  const deps = 'Dependencies alone (their own client process)';
  const { ceilings: ce } = http;
  rows.push({ section: deps, name: 'MongoDB stand-in: findOne by _id, 20 in flight', rps: ce.mongoReadsPerSecond, vsBaseline: ce.mongoReadsPerSecond / base, note: 'bounds every authenticated read' });
  if (ce.upstashLimitP50 !== undefined) rows.push({ section: deps, name: 'limit check via Upstash REST proxy, sequential', p50: ce.upstashLimitP50, note: '@upstash/ratelimit fixed window' });
  if (ce.redisIncrP50 !== undefined) rows.push({ section: deps, name: 'INCR straight to redis-server, sequential', p50: ce.redisIncrP50, note: 'ioredis, RESP over TCP' });
  const edge = 'Through Nginx (HTTPS), Redis limiter, 2 cores';
  if (http.nginxAlone) rows.push(load(edge, 'Nginx alone: answers /health itself', http.nginxAlone, undefined, 'TLS + the edge, no Node'));
  const first = http.nginx[0];
  for (const { instances, me } of http.nginx) {
    const scale = first && instances !== first.instances ? `×${(me.rps / first.me.rps).toFixed(2)} vs ${first.instances} instance(s)` : '';
    rows.push(load(edge, `users/me, ${instances} instance${instances > 1 ? 's' : ''}`, me, peer.me.rps, scale));
  }
  rows.push(...lambdaRows(lambda));
  const sc = `Password hashing, scrypt N=2^${scrypt.logN} r=8 p=1 (${scrypt.memoryMiB} MiB)`;
  for (const [name, ms] of [['hash', scrypt.hashMs], ['verify', scrypt.verifyMs]] as const) {
    rows.push({ section: sc, name: `${name} (ops/s on one core)`, rps: 1000 / median(ms), p50: median(ms), p99: max(ms) });
  }
  return rows;
}

export function checkBudgets(http: HttpResults, lambda: LambdaResults): Budget[] {
  const base = baselineRps(http);
  const { container: c, peer } = http;
  const ratio = (r: number) => `${r.toFixed(2)} × baseline`;
  const budgets: Budget[] = [
    { budget: '/health, 1 container process ≥ 0.8 × bare baseline', measured: ratio(c.health.rps / base), met: c.health.rps >= 0.8 * base },
    { budget: 'users/me, memory limiter ≥ 0.35 × bare baseline', measured: ratio(c.meMemory.rps / base), met: c.meMemory.rps >= 0.35 * base },
    { budget: 'users/me, memory limiter ahead of the peer', measured: `${(c.meMemory.rps / peer.me.rps).toFixed(2)} × peer`, met: c.meMemory.rps > peer.me.rps },
  ];
  const added = c.probeRedis ? c.probeRedis.p50 - c.probeMemory.p50 : undefined;
  const fx = http.fastify;
  const times = (a: number, b: number) => `${(a / b).toFixed(2)} ×`;
  budgets.push(
    { budget: '/health ≥ 0.5 × bare node:http', measured: ratio(c.health.rps / base), met: c.health.rps >= 0.5 * base },
    { budget: 'users/me, memory limiter ≥ 1.2 × Fastify (memory limiter)', measured: `${times(c.meMemory.rps, fx.me.rps)} Fastify`, met: c.meMemory.rps >= 1.2 * fx.me.rps },
    http.floor
      ? { budget: 'users/me, memory limiter ≥ 0.6 × the same-work floor', measured: `${times(c.meMemory.rps, http.floor.rps)} floor`, met: c.meMemory.rps >= 0.6 * http.floor.rps }
      : { budget: 'users/me, memory limiter ≥ 0.6 × the same-work floor', measured: 'not measured (no redis-server)', met: null },
    c.meResp
      ? { budget: 'users/me, shared Redis limiter (RESP) ≥ 0.8 × the memory row', measured: `${times(c.meResp.rps, c.meMemory.rps)} memory`, met: c.meResp.rps >= 0.8 * c.meMemory.rps }
      : { budget: 'users/me, shared Redis limiter (RESP) ≥ 0.8 × the memory row', measured: 'not measured', met: null },
    c.meResp && fx.meRedis
      ? { budget: 'users/me, shared Redis limiter (RESP) ≥ 1.0 × Fastify on Redis', measured: `${times(c.meResp.rps, fx.meRedis.rps)} Fastify (Redis)`, met: c.meResp.rps >= fx.meRedis.rps }
      : { budget: 'users/me, shared Redis limiter (RESP) ≥ 1.0 × Fastify on Redis', measured: 'not measured', met: null },
  );
  const mx = metricsRatio(http);
  budgets.push({
    budget: `users/me, metrics on ≥ ${METRICS_COST_BUDGET} × METRICS_PORT=off (metrics cost ≤ ${Math.round((1 - METRICS_COST_BUDGET) * 100)} %)`,
    measured: `${times(mx.on.rps, mx.off.rps)} off (${mx.on.rps.toFixed(0)} vs ${mx.off.rps.toFixed(0)} req/s)`,
    met: mx.ratio >= METRICS_COST_BUDGET,
  });
  budgets.push({ budget: 'Redis limiter adds ≤ 1.5 ms median', measured: added === undefined ? 'not measured (no redis-server)' : `+${added.toFixed(2)} ms (sequential p50)`, met: added === undefined ? null : added <= 1.5 });
  budgets.push(...lambdaBudgets(lambda));
  return budgets;
}

/** The issue's budgets (kB and MB are decimal: 1 MB = 1,000,000 bytes of minified bundle). */
export const LIVE_BUNDLE_BUDGET = 300_000;
export const BUNDLE_BUDGET = 1_600_000;
export const LIVE_COLD_BUDGET = 2;
export const FLOOR_BUDGET = 1.25;
export const COLD_SECTION = 'Lambda cold start on Node 24 (× baseline: vs hello world; × floor: vs the same-work floor of its dependency set)';
const MAPS_SECTION = 'Stack traces on Node 24: cold start, and the first stack trace formatted';

const coldMedian = (runs: Array<{ coldMs: number }>) => median(runs.map((r) => r.coldMs));

/** Each function's median cold start over hello world's, and over its floor's (hello world for a function with no floor library). */
export function coldRatios(lambda: LambdaResults) {
  const hello = coldMedian(lambda.hello.cold);
  const floorMs = (key: string) => {
    const floor = lambda.floors.find((f) => f.key === key);
    return floor ? coldMedian(floor.cold) : hello;
  };
  return lambda.functions
    .filter((f) => f.cold)
    .map((f) => ({ f, ms: coldMedian(f.cold!), vsHello: coldMedian(f.cold!) / hello, vsFloor: coldMedian(f.cold!) / floorMs(f.floor) }));
}

function lambdaRows(lambda: LambdaResults): Row[] {
  const hello = coldMedian(lambda.hello.cold);
  const ms = (runs: Array<{ coldMs: number }>) => ({ p50: coldMedian(runs), p99: max(runs.map((r) => r.coldMs)), vsBaseline: coldMedian(runs) / hello });
  const rows: Row[] = [{ section: COLD_SECTION, name: 'hello world (reference)', ...ms(lambda.hello.cold), note: `${kB(lambda.hello.bytes)}; the floor of a function with none of the floor libraries` }];
  for (const floor of lambda.floors) {
    rows.push({ section: COLD_SECTION, name: `floor: ${floor.key}`, ...ms(floor.cold), note: `${kB(floor.bytes)}; import ${median(floor.cold.map((r) => r.importMs)).toFixed(0)} ms` });
  }
  const ratios = new Map(coldRatios(lambda).map((r) => [r.f, r]));
  for (const f of lambda.functions) {
    const r = ratios.get(f);
    const first = f.cold?.[0];
    const answered = first ? (first.error ? `threw: ${first.error}` : first.status === undefined ? 'first event handled (a job)' : `first status ${first.status}`) : 'cold start not timed';
    const note = `${kB(f.bytes)}; ${first ? `import ${median(f.cold!.map((c) => c.importMs)).toFixed(0)} ms; ` : ''}${answered}; floor: ${f.floor}`;
    rows.push({ section: COLD_SECTION, name: f.id, ...(f.cold ? ms(f.cold) : {}), ...(r ? { vsFloor: r.vsFloor } : {}), note });
  }
  for (const m of lambda.sourceMaps) {
    const firstError = median(m.cold.map((c) => c.errorMs ?? 0));
    rows.push({ section: MAPS_SECTION, name: `${m.id}, ${m.variant}`, ...ms(m.cold), note: `first error thrown and its stack formatted: ${firstError.toFixed(1)} ms; mapped to the .ts sources: ${m.cold.every((c) => c.mapped) ? 'yes' : 'no'}` });
  }
  return rows;
}

function lambdaBudgets(lambda: LambdaResults): Budget[] {
  const live = lambda.functions.find((f) => f.id === LIVE_ID);
  const ratios = coldRatios(lambda);
  const liveRatio = ratios.find((r) => r.f === live);
  const worst = <T>(list: T[], by: (t: T) => number) => [...list].sort((a, b) => by(b) - by(a))[0];
  const overFloor = ratios.filter((r) => r.vsFloor > FLOOR_BUDGET);
  const worstFloor = worst(ratios, (r) => r.vsFloor);
  const big = lambda.functions.filter((f) => f.bytes > BUNDLE_BUDGET);
  const largest = worst(lambda.functions, (f) => f.bytes);
  return [
    { budget: `/health bundle ≤ ${kB(LIVE_BUNDLE_BUDGET)}`, measured: live ? kB(live.bytes) : 'no bundle', met: live ? live.bytes <= LIVE_BUNDLE_BUDGET : null },
    { budget: `/health cold start ≤ ${LIVE_COLD_BUDGET} × hello world`, measured: liveRatio ? `×${liveRatio.vsHello.toFixed(2)} (${liveRatio.ms.toFixed(0)} ms)` : 'not timed', met: liveRatio ? liveRatio.vsHello <= LIVE_COLD_BUDGET : null },
    {
      budget: `every function: cold start ≤ ${FLOOR_BUDGET} × the floor of its dependency set`,
      measured: worstFloor ? `worst ×${worstFloor.vsFloor.toFixed(2)} (${worstFloor.f.id}); ${overFloor.length} of ${ratios.length} over${overFloor.length ? `: ${overFloor.map((r) => r.f.id).join(', ')}` : ''}` : 'not timed',
      met: ratios.length > 0 && lambda.floors.length > 0 ? overFloor.length === 0 : null,
    },
    {
      budget: `every function bundle ≤ ${(BUNDLE_BUDGET / 1e6).toFixed(1)} MB`,
      measured: largest ? `largest ${kB(largest.bytes)} (${largest.id}); ${big.length} of ${lambda.functions.length} over` : 'no bundles',
      met: largest ? big.length === 0 : null,
    },
  ];
}
