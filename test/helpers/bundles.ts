/**
 * The function bundles of an offline synthesis (`.sst/artifacts/`), run as
 * Lambda runs them: copied out of the project (nothing resolves from
 * node_modules), imported by a fresh Node process (`process.execPath`: Node
 * 24) with the function's environment, and invoked once.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { splitHandler } from '../../packages/functions/src/route-types';
import { v2Event } from './events';

/** The newest `.sst/artifacts/<hash>/<handler file>.mjs` of a handler. */
export async function artifactOf(handler: string): Promise<string> {
  const root = join(process.cwd(), '.sst', 'artifacts');
  const candidates: Array<{ path: string; mtime: number }> = [];
  for (const dir of await readdir(root)) {
    const path = join(root, dir, `${splitHandler(handler).file}.mjs`);
    const info = await stat(path).catch(() => undefined);
    if (info) candidates.push({ path, mtime: info.mtimeMs });
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  if (!candidates[0]) throw new Error(`no artifact for ${handler}`);
  return candidates[0].path;
}

export interface BundleRun {
  /** The import failed (the init error Lambda would report). */
  importError?: string;
  /** The handler's result for the event. */
  result?: any;
  /** The handler threw: its stack, as a log would show it. */
  handlerError?: { message: string; stack: string };
  /** From the start of the import to its end (or failure), in the child. */
  importMs: number;
  node: string;
  /** Everything else the process printed (its log lines). */
  lines: string[];
}

const SCRIPT = `
import { writeSync } from 'node:fs';
const [file, exportName, event] = process.argv.slice(1);
// Written synchronously: a large body (the docs page's script) would be cut by the process.exit that follows an async pipe write.
// Once something has opened process.stdout (Powertools' Console does, at init), fd 1 is non-blocking: one writeSync
// writes at most the pipe's 64 kB and throws EAGAIN while it is full, so the rest is written in a loop.
const print = (value) => {
  const bytes = Buffer.from('BUNDLE ' + JSON.stringify({ ...value, node: process.versions.node }) + String.fromCharCode(10));
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
};
const t0 = performance.now();
let mod;
try {
  mod = await import(file);
} catch (e) {
  print({ importError: String(e), importMs: performance.now() - t0 });
  process.exit(0);
}
const importMs = performance.now() - t0;
if (event === '-') { print({ importMs }); process.exit(0); }
try {
  const result = await mod[exportName](JSON.parse(event), { awsRequestId: 'r', getRemainingTimeInMillis: () => 3000, functionName: 'f' });
  print({ result, importMs });
} catch (e) {
  print({ handlerError: { message: String(e), stack: String(e.stack) }, importMs });
}
process.exit(0);`;

/** Runs `handler`'s bundle once with `env` only; `event` undefined: import only. `withMap` copies the source map beside it, as the zip has it. */
export async function runBundle(
  handler: string,
  opts: { env: Record<string, string>; event?: unknown; withMap?: boolean; nodeArgs?: string[] },
): Promise<BundleRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bundle-'));
  const file = join(dir, 'index.mjs');
  const artifact = await artifactOf(handler);
  await copyFile(artifact, file);
  if (opts.withMap) await copyFile(`${artifact}.map`, `${file}.map`);
  const event = opts.event === undefined ? '-' : JSON.stringify(opts.event);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--input-type=module', '-e', SCRIPT, file, splitHandler(handler).exportName, event],
    { cwd: dir, env: { PATH: process.env.PATH ?? '', ...opts.env }, timeout: 20_000, maxBuffer: 8 * 1024 * 1024 },
  );
  const lines = stdout.trim().split('\n');
  const last = lines.findLast((l) => l.startsWith('BUNDLE '));
  if (!last) throw new Error(`${handler}: no result:\n${stdout.slice(-2000)}`);
  return { ...(JSON.parse(last.slice(7)) as Omit<BundleRun, 'lines'>), lines: lines.filter((l) => !l.startsWith('BUNDLE ')) };
}

/** A route's own request, anonymous and without a body: the first answer may be 401 or 400, after a full cold start. */
export function routeEvent(route: { method: string; path: string }) {
  if (route.path === '$default') return v2Event({ path: '/nope', routeKey: '$default' });
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => [m[1]!, 'x']));
  const method = route.method === 'ANY' ? 'GET' : route.method;
  const path = route.path.replace(/\{(\w+)\+?\}/g, 'x');
  return v2Event({ method, path, routeKey: `${method} ${route.path}`, params });
}
