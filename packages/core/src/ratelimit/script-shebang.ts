import { createHash } from 'node:crypto';

/** Shebang flags Redis 7.0 understands; anything else makes it reject the script. */
const KNOWN_FLAGS = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);

const SHEBANG = /^#!lua([^\n]*)/;

/**
 * Removes shebang flags that Redis 7.0 rejects (Upstash's `allow-key-locking`, used by
 * `@upstash/ratelimit`), keeping known ones. Returns the script unchanged when there is
 * nothing to remove.
 *
 * @example
 * ```ts
 * stripUnsupportedFlags('#!lua flags=allow-key-locking\nreturn 1'); // '#!lua\nreturn 1'
 * ```
 */
export function stripUnsupportedFlags(script: string): string {
  const match = SHEBANG.exec(script);
  if (!match) return script;
  let changed = false;
  const params = (match[1] ?? '').trim().split(/\s+/).filter(Boolean).flatMap((param) => {
    if (!param.startsWith('flags=')) return [param];
    const flags = param.slice('flags='.length).split(',').filter(Boolean);
    const kept = flags.filter((flag) => KNOWN_FLAGS.has(flag));
    if (kept.length === flags.length) return [param];
    changed = true;
    return kept.length ? [`flags=${kept.join(',')}`] : [];
  });
  if (!changed) return script;
  return ['#!lua', ...params].join(' ') + script.slice(match[0].length);
}

/** Lower-case hex SHA-1 of the script's UTF-8 bytes: the hash Redis uses for EVALSHA. */
export function scriptSha1(script: string | Buffer): string {
  return createHash('sha1').update(script).digest('hex');
}
