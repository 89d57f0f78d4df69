/**
 * Debian's `promtool` (package `prometheus`), run on the committed monitoring
 * files. Under `CI=true` a missing promtool is a failure, locally a skip.
 */
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';
import { findExecutable } from '../../packages/standins/src/find-executable';

/** Absolute path of `promtool` on PATH (or /usr/bin), or null. */
export const findPromtool = (): string | null => findExecutable('promtool');

export interface PromtoolRun {
  status: number | null;
  output: string;
}

/** `promtool <args…>` in `cwd` (default: the project root). */
export function promtool(bin: string, args: string[], cwd = PROJECT_ROOT): PromtoolRun {
  const { status, stdout, stderr, error } = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (error) throw error;
  return { status, output: `${stdout}${stderr}` };
}
