/**
 * The cluster primary: forks `workers` copies of this entry, replaces a worker
 * that dies, and on SIGTERM/SIGINT asks every worker to drain, then exits 0
 * when all of them did. It serves no request itself.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@nocturnal/core/logger';

export interface PrimaryOptions {
  workers: number;
  /** SHUTDOWN_GRACE_SECONDS in ms; workers still alive this long after it are killed. */
  graceMs: number;
  log: Logger;
  /** Called once every first-generation worker listens. */
  onListening(address: { address: string; port: number }): void;
}

/** A worker that dies within this many ms of its start counts as crashing. */
const CRASH_WINDOW_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

/** Runs the primary until shutdown; resolves with the process exit code. */
export function runPrimary(opts: PrimaryOptions): Promise<number> {
  const { log } = opts;
  const started = new Map<number, number>();
  let listening = 0;
  let stopping = false;
  let failed = false;
  let crashes = 0;

  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    worker.once('listening', (address) => {
      if (++listening === opts.workers) opts.onListening({ address: address.address ?? '', port: address.port });
    });
    return worker;
  };

  return new Promise<number>((resolve) => {
    const finishIfDone = () => {
      if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0);
    };

    cluster.on('exit', (worker: Worker, code, signal) => {
      const lived = Date.now() - (started.get(worker.id) ?? 0);
      started.delete(worker.id);
      if (stopping) {
        if (code !== 0) failed = true;
        return finishIfDone();
      }
      // A worker that never listened during start-up is a configuration error: stop everything.
      if (listening < opts.workers) {
        log.error('worker failed during start-up', { workerPid: worker.process.pid, code, signal });
        failed = true;
        return stop();
      }
      crashes = lived < CRASH_WINDOW_MS ? crashes + 1 : 0;
      const delay = crashes === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 250 * 2 ** crashes);
      log.warn('worker died: replacing it', { workerPid: worker.process.pid, code, signal, delayMs: delay });
      setTimeout(() => !stopping && fork().once('listening', () => log.info('worker replaced')), delay).unref();
    });

    const stop = () => {
      if (stopping) return;
      stopping = true;
      log.info('shutting down: draining workers', { graceSeconds: opts.graceMs / 1000 });
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        failed = true;
      }, opts.graceMs + 5_000).unref();
      finishIfDone();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);

    for (let i = 0; i < opts.workers; i++) fork();
  });
}
