/**
 * The self-hosted topology on loopback: one MongoDB stand-in, one s3rver, one
 * redis-server that the instances reach over RESP (`REDIS_URL`, as in compose
 * and Kubernetes), N container servers from the esbuild bundle, and a real
 * Nginx rendered from the project's template.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { buildBundles } from '../../packages/server/src/container/build';
import { startStandIns, type StandIns } from '../../packages/server/src/local/standins';
import { findRedisServer } from '../../packages/standins/src/upstash/find-redis-server';
import { startRedisServer } from '../../packages/standins/src/upstash/start-redis-server';
import { createClient, type Client } from '../helpers/http';
import { spawnInstance, type Instance } from './instances';
import type { NginxOptions } from '../../packages/server/src/container/nginx-config';
import { findNginx, startNginx, type RunningNginx } from './nginx';

/** Tools the topology needs; under `CI=true` a missing one is a failure, locally a skip. */
export function missingTools(): string[] {
  return [findNginx() ? '' : 'nginx', findRedisServer() ? '' : 'redis-server'].filter(Boolean);
}

export interface Topology {
  bundle: string;
  standIns: StandIns;
  /** The environment every instance got. */
  env: Record<string, string>;
  instances: Instance[];
  nginx: RunningNginx;
  /** HTTPS through Nginx. */
  edge: Client;
  /** Runs one Redis command on the instances' Redis. */
  redis(command: Array<string | number>): Promise<unknown>;
  /** Stops the instances' Redis for good (the limiter falls back to memory). */
  stopRedis(): Promise<void>;
  /** Which instance answered, from Nginx's `X-Upstream` (the last address tried). */
  instanceOf(upstream: string | string[] | undefined): number;
  stop(): Promise<void>;
}

export async function startTopology(opts: {
  instances: number;
  env: Record<string, string>;
  /** Per-instance extra settings. */
  envOf?: (i: number) => Record<string, string>;
  /** Nginx settings beyond the defaults (e.g. a shorter `failTimeout`). */
  nginx?: Partial<NginxOptions>;
}): Promise<Topology> {
  const out = await mkdtemp(join(tmpdir(), 'nocturnal-bundle-'));
  const stops: Array<() => Promise<unknown>> = [() => rm(out, { recursive: true, force: true })];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const [bundles, redis] = await Promise.all([buildBundles({ outdir: out }), startRedisServer()]);
    let redisStopped: Promise<void> | undefined;
    const stopRedis = () => (redisStopped ??= redis.stop());
    stops.push(stopRedis);
    const shared = { REDIS_URL: redis.url };
    const standIns = await startStandIns({ configured: shared, corsOrigins: ['*'] });
    stops.push(() => standIns.stop());
    const probe = new Redis(redis.url, { maxRetriesPerRequest: 0 });
    // Once Redis is stopped its reconnect errors are expected; a command still fails with its own error.
    probe.on('error', () => {});
    stops.push(async () => probe.disconnect());
    const bundle = bundles.server;
    // What every instance of these tests shares: behind this Nginx, one worker (unless a test says otherwise), quiet logs.
    const env = { STAGE: 'test', LOG_LEVEL: 'warn', WEB_CONCURRENCY: '1', TRUSTED_PROXIES: '127.0.0.1', ...standIns.env, ...shared, ...opts.env };
    const instances = await Promise.all(
      Array.from({ length: opts.instances }, (_, i) => spawnInstance(bundle, { ...env, ...opts.envOf?.(i) })),
    );
    stops.push(() => Promise.all(instances.map((i) => i.stop('SIGKILL'))));
    const nginx = await startNginx(findNginx()!, {
      upstreams: instances.map((i) => `127.0.0.1:${i.port}`),
      // The edge layer is tested apart; here it must not hide the API's own limits.
      edgeRate: '10000r/s',
      edgeBurst: 10_000,
      ...opts.nginx,
    });
    stops.push(() => nginx.stop());
    const edge = createClient(nginx.httpsUrl, { ca: nginx.ca, maxSockets: 256 });
    stops.push(async () => edge.close());
    const byPort = new Map(instances.map((inst, i) => [inst.port, i]));
    // Each instance connects to MongoDB, S3 and Redis and loads the users context before any timing matters.
    await Promise.all(
      instances.map(async (inst) => {
        const direct = createClient(inst.url);
        await direct.request('GET', '/api/v1/health');
        await direct.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'warm-up' }, headers: { 'x-real-ip': '192.0.2.1' } });
        direct.close();
      }),
    );
    return {
      bundle,
      standIns,
      env,
      instances,
      nginx,
      edge,
      instanceOf: (upstream) => {
        const last = String(upstream ?? '').split(',').at(-1)?.trim() ?? '';
        return byPort.get(Number(last.split(':').at(-1))) ?? -1;
      },
      redis: async ([name, ...args]) => probe.call(String(name), ...args.map(String)),
      stopRedis,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
