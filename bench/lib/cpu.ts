/**
 * CPU time of process trees from /proc (Linux), so a run can say where the two
 * cores went: the server, each dependency, and the load generator itself.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    return 10;
  }
})();

function ownMs(pid: number): number {
  // Fields after the command (which may hold spaces): utime is the 14th field, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** CPU ms used so far by `pid` and its live descendants (0 if it is gone). */
export function treeCpuMs(pid: number): number {
  try {
    return ownMs(pid) + children(pid).reduce((sum, child) => sum + treeCpuMs(child), 0);
  } catch {
    return 0;
  }
}

/** Starts a measurement; the returned function gives CPU ms per name since then ("load generator": this process). */
export function startCpu(pids: Record<string, number>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, treeCpuMs(pid)]));
  const self = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(self);
    const out: Record<string, number> = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, treeCpuMs(pid) - before[name]!]));
    out['load generator'] = (used.user + used.system) / 1000;
    return out;
  };
}
