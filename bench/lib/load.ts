/** Load (autocannon, N connections) and a sequential latency probe (one keep-alive connection, µs precision). */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { startCpu } from './cpu';

export interface LoadResult {
  rps: number;
  /** ms; autocannon's histogram has 1 ms resolution. */
  p50: number;
  p99: number;
  requests: number;
  /** Socket errors + timeouts + non-2xx answers: any of them makes the run suspect. */
  failures: number;
  /** CPU µs per request of each process tree named in `cpu`, and of the load generator. */
  cpuUsPerRequest: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Process trees whose CPU time to account for during the measured run. */
  cpu?: Record<string, number>;
}

/** A warm-up run (discarded), then the measured run. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = { url: opts.url, headers: opts.headers, connections: opts.connections, timeout: 10 };
  if (opts.warmupSeconds > 0) await autocannon({ ...base, duration: opts.warmupSeconds });
  const cpu = startCpu(opts.cpu ?? {});
  const r = await autocannon({ ...base, duration: opts.seconds });
  const used = cpu();
  return {
    cpuUsPerRequest: Object.fromEntries(Object.entries(used).map(([name, ms]) => [name, (ms * 1000) / Math.max(1, r.requests.total)])),
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failures: r.errors + r.timeouts + r.non2xx,
  };
}

export interface ProbeResult {
  /** ms, from per-request hrtime. */
  p50: number;
  p99: number;
  rps: number;
  failures: number;
}

/** `count` requests one after another on one keep-alive connection (after 50 discarded). */
export async function probeSequential(url: string, headers: Record<string, string>, count: number): Promise<ProbeResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      request(url, { agent, headers }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      })
        .once('error', reject)
        .end();
    });
  for (let i = 0; i < 50; i++) await once();
  const times: number[] = [];
  let failures = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    if ((await once()) !== 200) failures++;
    times.push(performance.now() - t);
  }
  const elapsed = performance.now() - started;
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), rps: (count / elapsed) * 1000, failures };
}

/** The q-quantile of sorted values (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
