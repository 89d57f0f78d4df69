/**
 * Cold start of one Lambda bundle: a fresh `node` (with the deployed
 * NODE_OPTIONS, --enable-source-maps, unless `sourceMaps` is false) imports the bundle, out of the project
 * so nothing resolves from node_modules, and answers its first event.
 * `coldMs` is measured in the child from its own start (performance.now()).
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

export interface ColdRun {
  coldMs: number;
  importMs: number;
  status?: number;
}

const SCRIPT = `
const [file, exportName, event] = process.argv.slice(1);
const t0 = performance.now();
const mod = await import(file);
const t1 = performance.now();
let status;
if (event !== '-') {
  const ctx = { awsRequestId: 'r', functionName: 'f', getRemainingTimeInMillis: () => 3000 };
  status = (await mod[exportName](JSON.parse(event), ctx))?.statusCode;
}
console.log('COLD ' + JSON.stringify({ coldMs: performance.now(), importMs: t1 - t0, status }));
process.exit(0);`;

/** Copies `bundle` (and its source map) into `dir`, then runs it `reps` times; `event` undefined: import only. */
export async function coldStarts(bundle: string, dir: string, opts: { exportName: string; event?: unknown; env: Record<string, string>; reps: number; sourceMaps: boolean }): Promise<ColdRun[]> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, basename(bundle));
  await copyFile(bundle, file);
  await copyFile(`${bundle}.map`, `${file}.map`).catch(() => undefined);
  const event = opts.event === undefined ? '-' : JSON.stringify(opts.event);
  const runs: ColdRun[] = [];
  for (let i = 0; i < opts.reps; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...(opts.sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', SCRIPT, file, opts.exportName, event],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', ...opts.env }, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('COLD '));
    if (!line) throw new Error(`${bundle}: no result:\n${stdout.slice(-1000)}`);
    runs.push(JSON.parse(line.slice(5)) as ColdRun);
  }
  return runs;
}
