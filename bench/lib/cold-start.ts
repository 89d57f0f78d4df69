/**
 * Cold start of one Lambda bundle: a fresh `node` (process.execPath: Node 24,
 * as deployed) imports the bundle, out of the project so nothing resolves from
 * node_modules, and answers its first event. `coldMs` is measured in the child
 * from its own start (performance.now()). The source map is copied beside the
 * bundle, as the zip has it, unless `map` is false.
 *
 * With `firstError`, the handler is then called with a null event, which makes
 * the chain throw: `errorMs` is that call with its stack trace formatted (the
 * map is parsed then where stack traces are mapped on first use), and
 * `mapped` whether the trace names our TypeScript sources.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

export interface ColdRun {
  coldMs: number;
  importMs: number;
  status?: number;
  errorMs?: number;
  mapped?: boolean;
  error?: string;
}

const SCRIPT = `
const [file, exportName, event, firstError] = process.argv.slice(1);
const ctx = { awsRequestId: 'r', functionName: 'f', getRemainingTimeInMillis: () => 3000 };
const t0 = performance.now();
const mod = await import(file);
const t1 = performance.now();
const out = { importMs: t1 - t0 };
if (event !== '-') {
  try {
    const result = await mod[exportName](JSON.parse(event), ctx);
    out.status = result?.statusCode;
  } catch (e) {
    out.error = String(e).slice(0, 300);
  }
}
out.coldMs = performance.now();
if (firstError === '1') {
  const s = performance.now();
  try { await mod[exportName](null, ctx); } catch (e) {
    out.mapped = /packages\\/functions\\/src\\/[\\w/-]+\\.ts:\\d+/.test(String(e.stack));
  }
  out.errorMs = performance.now() - s;
}
console.log('COLD ' + JSON.stringify(out));
process.exit(0);`;

export interface ColdOptions {
  exportName: string;
  /** undefined: import only. */
  event?: unknown;
  env: Record<string, string>;
  reps: number;
  /** Extra node flags, e.g. `--enable-source-maps`. */
  nodeArgs?: string[];
  /** Copy the source map beside the bundle (default true, as deployed). */
  map?: boolean;
  firstError?: boolean;
}

/** Copies `bundle` (and its source map) into `dir`, then runs it `reps` times. */
export async function coldStarts(bundle: string, dir: string, opts: ColdOptions): Promise<ColdRun[]> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, basename(bundle));
  await copyFile(bundle, file);
  if (opts.map !== false) await copyFile(`${bundle}.map`, `${file}.map`).catch(() => undefined);
  const event = opts.event === undefined ? '-' : JSON.stringify(opts.event);
  const runs: ColdRun[] = [];
  for (let i = 0; i < opts.reps; i++) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...(opts.nodeArgs ?? []), '--input-type=module', '-e', SCRIPT, file, opts.exportName, event, opts.firstError ? '1' : '0'],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', ...opts.env }, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('COLD '));
    if (!line) throw new Error(`${bundle}: no result:\n${stdout.slice(-1000)}`);
    runs.push(JSON.parse(line.slice(5)) as ColdRun);
  }
  return runs;
}
