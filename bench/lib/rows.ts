/** The results as one list of table rows, and the issue's budgets as met / not met. */
import type { HttpResults } from '../sections/http';
import { BUNDLE_BUDGET_BYTES, type LambdaResults } from '../sections/lambda';
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
  vsPeer?: number;
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

/** The bare baseline: the mean of the runs before and after everything else. */
export const baselineRps = (http: HttpResults) => (http.baseline.rps + http.baselineAfter.rps) / 2;

const cpuNote = (cpu: Record<string, number> | undefined) =>
  cpu && Object.keys(cpu).length > 1 ? `CPU µs/req: ${Object.entries(cpu).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}` : '';

export function buildRows(http: HttpResults, lambda: LambdaResults, scrypt: ScryptResult): Row[] {
  const base = baselineRps(http);
  const load = (section: string, name: string, r: { rps: number; p50: number; p99: number; failures?: number; cpuUsPerRequest?: Record<string, number> }, peer?: number, note = ''): Row => ({
    section,
    name,
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    vsBaseline: r.rps / base,
    ...(peer ? { vsPeer: r.rps / peer } : {}),
    note: [note, r.failures ? `${r.failures} failed requests` : '', cpuNote(r.cpuUsPerRequest)].filter(Boolean).join('; '),
  });
  const { peer, container: c } = http;
  const rows: Row[] = [
    load('Baseline', 'bare node:http hello world, first', http.baseline),
    load('Baseline', 'bare node:http hello world, last', http.baselineAfter, undefined, 'the mean of both is the baseline'),
    load('Peer: Express + jsonwebtoken + express-rate-limit', 'GET /health', peer.health, peer.health.rps),
    load('Peer: Express + jsonwebtoken + express-rate-limit', 'GET /api/v1/users/me (memory limit)', peer.me, peer.me.rps),
    load('Nocturnal container server, 1 process', 'GET /health', c.health, peer.health.rps),
    load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, memory limiter', c.meMemory, peer.me.rps),
  ];
  if (c.meRedis) rows.push(load('Nocturnal container server, 1 process', 'GET /api/v1/users/me, Redis limiter', c.meRedis, peer.me.rps));
  const seq = 'Nocturnal, 1 process, 1 connection (sequential)';
  rows.push(load(seq, 'users/me, memory limiter', c.probeMemory, undefined, 'latency from hrtime (µs precision)'));
  if (c.probeRedis) rows.push(load(seq, 'users/me, Redis limiter', c.probeRedis, undefined, `+${(c.probeRedis.p50 - c.probeMemory.p50).toFixed(2)} ms p50 over memory`));
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
  const hello = median(lambda.hello.cold.map((r) => r.coldMs));
  const cold = (name: string, bytes: number, runs: LambdaResults['hello']['cold'] | undefined, extra = ''): Row => {
    if (!runs) return { section: 'Lambda cold start (× = vs hello-world bundle)', name, note: `${kB(bytes)}; cold start not timed${extra}` };
    const ms = runs.map((r) => r.coldMs);
    return {
      section: 'Lambda cold start (× = vs hello-world bundle)',
      name,
      p50: median(ms),
      p99: max(ms),
      vsBaseline: median(ms) / hello,
      note: `${kB(bytes)}; import ${median(runs.map((r) => r.importMs)).toFixed(0)} ms; first status ${runs[0]!.status ?? 'import only'}${extra}`,
    };
  };
  rows.push(cold('hello-world (reference)', lambda.hello.bytes, lambda.hello.cold));
  const live = lambda.bundles.find((b) => b.route === 'health-live');
  if (live) rows.push(cold('health-live', live.bytes, live.cold));
  if (live && lambda.liveWithoutSourceMaps) rows.push(cold('health-live without --enable-source-maps', live.bytes, lambda.liveWithoutSourceMaps));
  for (const b of lambda.bundles.filter((b) => b !== live)) rows.push(cold(b.route ?? b.file.replace('packages/functions/src/', ''), b.bytes, b.cold));
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
  budgets.push({ budget: 'Redis limiter adds ≤ 1.5 ms median', measured: added === undefined ? 'not measured (no redis-server)' : `+${added.toFixed(2)} ms (sequential p50)`, met: added === undefined ? null : added <= 1.5 });
  const sizes = lambda.bundles.map((b) => b.bytes);
  const over = lambda.bundles.filter((b) => b.bytes > BUNDLE_BUDGET_BYTES).length;
  budgets.push({
    budget: 'every function bundle ≤ 1 MB minified',
    measured: sizes.length ? `largest ${kB(max(sizes))}; ${over} of ${sizes.length} over` : 'no bundles',
    met: sizes.length ? over === 0 : null,
  });
  const hello = median(lambda.hello.cold.map((r) => r.coldMs));
  const timed = lambda.bundles.filter((b) => b.cold).map((b) => ({ b, x: median(b.cold!.map((r) => r.coldMs)) / hello }));
  const slow = timed.filter((t) => t.x > 2).length;
  budgets.push({
    budget: 'cold start ≤ 2 × hello-world bundle',
    measured: timed.length ? `worst ×${max(timed.map((t) => t.x)).toFixed(2)}; ${slow} of ${timed.length} timed over` : 'not timed',
    met: timed.length ? slow === 0 : null,
  });
  return budgets;
}
