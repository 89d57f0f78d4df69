import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// Debian installs to /usr/bin; some minimal PATHs (cron, systemd units) miss /usr/local/bin.
const FALLBACK_DIRS = ['/usr/local/bin', '/usr/bin', '/usr/sbin'];

/**
 * Absolute path of an executable `redis-server`, searched on PATH (then the usual
 * system folders), or `null` when none is installed.
 *
 * @example
 * ```ts
 * const bin = findRedisServer(); // '/usr/bin/redis-server' | null
 * ```
 */
export function findRedisServer(pathEnv: string | undefined = process.env.PATH): string | null {
  const dirs = [...(pathEnv ?? '').split(delimiter).filter(Boolean), ...FALLBACK_DIRS];
  for (const dir of new Set(dirs)) {
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}
