/** What every section of the bench shares. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProc, type Proc } from './procs';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';

/** The project root (one declaration, the server package's). */
export const ROOT = PROJECT_ROOT;
export const RESULTS = join(ROOT, 'bench', 'results');

export interface Settings {
  quick: boolean;
  profile: boolean;
  reuseArtifacts: boolean;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  probeCount: number;
  coldReps: number;
  scryptReps: number;
}

export function settingsFor(flags: { quick: boolean; profile: boolean; reuseArtifacts: boolean }): Settings {
  return flags.quick
    ? { ...flags, connections: 20, seconds: 1, warmupSeconds: 1, probeCount: 150, coldReps: 3, scryptReps: 1 }
    : { ...flags, connections: 20, seconds: 10, warmupSeconds: 2, probeCount: 2000, coldReps: 15, scryptReps: 5 };
}

export interface Bench {
  settings: Settings;
  /** Scratch folder: logs, bundles, Nginx prefix. */
  tmp: string;
  log(message: string): void;
  /** A bench child script run with tsx (`bench/servers/<file>`), waited for until it prints READY. */
  script(name: string, file: string, opts?: { args?: string[]; env?: Record<string, string>; nodeArgs?: string[]; timeoutMs?: number }): Promise<{ proc: Proc; info: Record<string, string> }>;
}

export function createBench(settings: Settings): Bench {
  const tmp = mkdtempSync(join(tmpdir(), 'nocturnal-bench-'));
  const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  return {
    settings,
    tmp,
    log,
    async script(name, file, { args = [], env = {}, nodeArgs = [], timeoutMs } = {}) {
      const argv = [...nodeArgs, '--import', 'tsx', join(ROOT, 'bench', 'servers', file), ...args];
      const proc = startProc(name, process.execPath, argv, { env, logDir: tmp, cwd: ROOT });
      const match = await proc.waitFor(/^READY (.*)$/m, timeoutMs);
      return { proc, info: JSON.parse(match[1]!) as Record<string, string> };
    },
  };
}
