import type { ChildProcess } from 'node:child_process';

const tracked = new Set<ChildProcess>();
let hooked = false;

/**
 * Kills `child` if this Node process exits first (normal exit, uncaught error or a
 * signal handled by someone calling process.exit). A SIGKILL of the parent cannot be
 * caught; such an orphan is left to the container or the CI job cleanup.
 * Returns the function that stops tracking.
 */
export function killOnExit(child: ChildProcess): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const c of tracked) c.kill('SIGKILL');
    });
  }
  tracked.add(child);
  return () => tracked.delete(child);
}

/**
 * Sends SIGTERM and resolves once the child has exited, escalating to SIGKILL after
 * `graceMs`. Safe to call on a child that already exited.
 */
export function terminate(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
