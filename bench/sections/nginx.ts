/**
 * The self-hosted topology on loopback: the project's Nginx template (HTTPS,
 * rendered by packages/server/src/container/nginx-config.ts; the edge rate
 * limit raised out of the way) in front of 1, 2 and 4 container processes
 * sharing limits through the Upstash REST proxy. On 2 cores, more instances
 * cannot add CPU: the rows show what they cost or save.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findNginx, startNginx } from '../../test/scale-out/nginx';
import type { Bench } from '../lib/context';
import { runLoad, type LoadResult } from '../lib/load';
import { ME, startContainer, type HttpDeps } from './http';

export async function runNginx(bench: Bench, deps: HttpDeps, auth: Record<string, string>, skipped: string[]): Promise<{ nginxAlone?: LoadResult; nginx: Array<{ instances: number; me: LoadResult }> }> {
  const { settings: s, log } = bench;
  const bin = findNginx();
  if (!bin) return skipped.push('Nginx: not installed'), { nginx: [] };
  if (!deps.upstash) return skipped.push('Nginx: the instances share limits through Redis, which is missing'), { nginx: [] };
  if (s.quick) skipped.push('Nginx with 1 and 4 instances: skipped in quick mode (2 only)');
  const out: { nginxAlone?: LoadResult; nginx: Array<{ instances: number; me: LoadResult }> } = { nginx: [] };
  for (const n of s.quick ? [2] : [1, 2, 4]) {
    log(`Nginx (HTTPS) in front of ${n} instance(s), Redis limiter`);
    const instances = await Promise.all(
      Array.from({ length: n }, (_, i) => startContainer(bench, deps, `instance-${n}-${i}`, { ...deps.upstash, TRUSTED_PROXIES: '127.0.0.1' })),
    );
    const nginx = await startNginx(bin, {
      upstreams: instances.map((i) => new URL(i.url).host),
      workerProcesses: 'auto',
      accessLog: join(bench.tmp, `nginx-${n}-access.log`),
      exposeUpstream: false,
      edgeRate: '1000000r/s',
      edgeBurst: 1_000_000,
    });
    try {
      const master = Number(readFileSync(join(dirname(nginx.conf), 'nginx.pid'), 'utf8'));
      const cpu: Record<string, number> = { nginx: master, 'mongo stand-in': deps.pids.mongo, 'upstash proxy + redis': deps.pids.upstash! };
      instances.forEach((inst, i) => (cpu[`server ${i + 1}`] = inst.proc.child.pid!));
      if (out.nginx.length === 0) out.nginxAlone = await runLoad({ url: `${nginx.httpsUrl}/health`, ...s, cpu: { nginx: master } });
      out.nginx.push({ instances: n, me: await runLoad({ url: `${nginx.httpsUrl}${ME}`, headers: auth, ...s, cpu }) });
    } finally {
      await nginx.stop();
      await Promise.all(instances.map((i) => i.proc.stop()));
    }
  }
  return out;
}
