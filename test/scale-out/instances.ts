/**
 * Container-server processes spawned from the esbuild bundle, exactly as the
 * image runs it (`node main.mjs`), on 127.0.0.1. The API and the metrics
 * listener take free ports (`PORT=0`, `METRICS_PORT=0`), read from the banner.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Instance {
  url: string;
  port: number;
  /** `http://127.0.0.1:<port>/metrics`; absent with `METRICS_PORT=off`. */
  metricsUrl?: string;
  metricsPort?: number;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Resolves once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node <bundle> --host 127.0.0.1` with only `env` (and PATH) in its environment. */
export function spawnInstance(bundle: string, env: Record<string, string>): Promise<Instance> {
  return spawnBundle(bundle, ['--host', '127.0.0.1'], { PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'warn', ...env });
}

/** Starts a bundle and resolves once it prints `listening on http://…`. */
export async function spawnBundle(bundle: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<Instance> {
  const child = spawn(process.execPath, ['--enable-source-maps', bundle, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  // Never outlive the test process, whatever ends it.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('exit', reap);
      resolve({ code, signal });
    }),
  );
  const [url, metricsUrl] = await new Promise<[string, string | undefined]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/[\d.]+:\d+)[^\n]*?(?:; metrics on (http:\/\/[\d.]+:\d+\/metrics))?\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve([m[1]!, m[2]]);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`instance exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    ...(metricsUrl ? { metricsUrl, metricsPort: Number(new URL(metricsUrl).port) } : {}),
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the bundle to completion (for start-up failures). */
export function runToExit(bundle: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [bundle, '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}
