import { findExecutable } from '../find-executable';

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
  return findExecutable('redis-server', pathEnv);
}
