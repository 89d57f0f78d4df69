/** The machine the numbers come from: they only mean something next to it. */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { findNginx, nginxVersion } from '../../test/scale-out/nginx';

export function machine() {
  const nginx = findNginx();
  const redis = (() => {
    try {
      return /v=([\d.]+)/.exec(execFileSync('redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
    } catch {
      return 'absent';
    }
  })();
  const cores = availableParallelism();
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = Math.round(totalmem() / 2 ** 30);
  return {
    cores,
    model,
    memGiB,
    kernel: release(),
    node: process.version,
    nginx: nginx ? nginxVersion(nginx) : 'absent',
    redis,
    load: loadavg()[0]!.toFixed(2),
    summary: `${cores} cores (${model}), ${memGiB} GiB, Linux ${release()}, Node ${process.version}, nginx ${nginx ? nginxVersion(nginx) : 'absent'}, redis ${redis}`,
  };
}
