import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// Debian installs to /usr/bin and /usr/sbin (nginx); some minimal PATHs (cron, systemd units) miss them.
const FALLBACK_DIRS = ['/usr/local/bin', '/usr/bin', '/usr/local/sbin', '/usr/sbin'];

/**
 * Absolute path of an executable `name`, searched on PATH (then the usual
 * system folders), or `null` when none is installed: the tools the tests and
 * the stand-ins start (redis-server, nginx, prometheus, promtool).
 *
 * @example
 * ```ts
 * const bin = findExecutable('redis-server'); // '/usr/bin/redis-server' | null
 * ```
 */
export function findExecutable(name: string, pathEnv: string | undefined = process.env.PATH): string | null {
  const dirs = [...(pathEnv ?? '').split(delimiter).filter(Boolean), ...FALLBACK_DIRS];
  for (const dir of new Set(dirs)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}
