/**
 * Child processes of the bench: each one's output goes to a file (the bench
 * process must not spend CPU reading logs while it generates load), and every
 * child is stopped when the bench ends, however it ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Spawns `cmd` with only PATH and `env` in its environment, output to `<logDir>/<name>.log`. */
export function startProc(name: string, cmd: string, args: string[], opts: { env?: Record<string, string>; logDir: string; cwd?: string }): Proc {
  const logFile = join(opts.logDir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  // stdin stays a pipe: our own child scripts exit when it closes (the bench died).
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { PATH: process.env.PATH ?? '', ...opts.env }, stdio: ['pipe', fd, fd] });
  closeSync(fd);
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (live.delete(child), resolve())));
  const output = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    name,
    child,
    output,
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output());
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`${name}: no ${pattern} within ${timeoutMs} ms:\n${output().slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Stops every child still running (SIGTERM, then SIGKILL after 5 s). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => (clearTimeout(timer), resolve()));
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** On any way out (signal, uncaught error, exit), no child outlives the bench. */
export function installCleanup(): void {
  let cleaning = false;
  const bail = (code: number) => async (error?: unknown) => {
    if (cleaning) return;
    cleaning = true;
    if (error instanceof Error) process.stderr.write(`${error.stack}\n`);
    await stopAll();
    process.exit(code);
  };
  process.once('SIGINT', bail(130));
  process.once('SIGTERM', bail(143));
  process.once('uncaughtException', bail(1));
  process.once('unhandledRejection', bail(1));
  // Last resort, synchronous: SIGTERM lets nginx's master stop its workers and our stand-ins stop redis-server.
  process.once('exit', () => [...live].forEach((child) => child.kill('SIGTERM')));
}
