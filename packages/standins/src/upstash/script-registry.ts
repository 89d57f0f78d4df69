import type { PreparedCommand, RedisArg, RedisCommand } from './command-types';
import { scriptSha1, stripUnsupportedFlags } from '@nocturnal/core/ratelimit/script-shebang';

/** Rewrites scripting commands so scripts with Upstash-only flags run on Redis 7.0. */
export interface ScriptRegistry {
  /** The command to send instead of `command`, and how to rewrite its reply. */
  prepare(command: RedisCommand): PreparedCommand;
  /** Number of remembered scripts. */
  readonly size: number;
}

const text = (arg: RedisArg | undefined) => (typeof arg === 'string' ? arg : (arg?.toString('utf8') ?? ''));

/**
 * Remembers, per original SHA-1, the flag-stripped text of each script the client sent
 * with EVAL or SCRIPT LOAD. EVALSHA of a remembered hash is then sent as EVAL of the
 * stripped text (Redis caches it), so it also survives a Redis restart or a MULTI.
 * EVALSHA of an unknown hash goes through unchanged and Redis answers NOSCRIPT, which
 * makes the client fall back to EVAL. SCRIPT LOAD answers the original hash.
 * At most `maxScripts` are kept (oldest dropped) so a client cannot grow it unbounded.
 *
 * @example
 * ```ts
 * const scripts = createScriptRegistry();
 * const { command } = scripts.prepare(['EVALSHA', sha, '1', 'key']);
 * ```
 */
export function createScriptRegistry(maxScripts = 1_000): ScriptRegistry {
  const stripped = new Map<string, string>();

  const remember = (original: string): string | undefined => {
    const fixed = stripUnsupportedFlags(original);
    if (fixed === original) return undefined;
    const sha = scriptSha1(original);
    stripped.delete(sha);
    stripped.set(sha, fixed);
    if (stripped.size > maxScripts) stripped.delete(stripped.keys().next().value as string);
    return fixed;
  };

  const prepare = (command: RedisCommand): PreparedCommand => {
    const [name, ...args] = command;
    const sub = text(args[0]).toUpperCase();
    if (name === 'EVAL' || name === 'EVAL_RO') {
      const fixed = remember(text(args[0]));
      return { command: fixed === undefined ? command : [name, fixed, ...args.slice(1)] };
    }
    if (name === 'EVALSHA' || name === 'EVALSHA_RO') {
      const fixed = stripped.get(text(args[0]).toLowerCase());
      const evalName = name === 'EVALSHA' ? 'EVAL' : 'EVAL_RO';
      return { command: fixed === undefined ? command : [evalName, fixed, ...args.slice(1)] };
    }
    if (name !== 'SCRIPT') return { command };
    if (sub === 'LOAD' && args.length === 2) {
      const original = text(args[1]);
      const fixed = remember(original);
      if (fixed === undefined) return { command };
      const sha = Buffer.from(scriptSha1(original));
      return { command: ['SCRIPT', args[0]!, fixed], mapReply: () => sha };
    }
    if (sub === 'EXISTS') {
      const known = args.slice(1).map((sha) => stripped.has(text(sha).toLowerCase()));
      const mapReply = (reply: unknown) =>
        Array.isArray(reply) ? reply.map((one, i) => (known[i] ? '1' : one)) : reply;
      return { command, mapReply };
    }
    if (sub === 'FLUSH') stripped.clear();
    return { command };
  };

  return {
    prepare,
    get size() {
      return stripped.size;
    },
  };
}
