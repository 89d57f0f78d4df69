import type { Redis as Ioredis } from 'ioredis';
import type { Redis as UpstashRedis } from '@upstash/redis';
import { scriptSha1, stripUnsupportedFlags } from './script-shebang';

/** The part of `@upstash/redis` that `@upstash/ratelimit`'s single-region algorithms call. */
export interface RatelimitRedis {
  eval(script: string, keys: string[], args: unknown[]): Promise<unknown>;
  evalsha(sha: string, keys: string[], args: unknown[]): Promise<unknown>;
}

/**
 * `@upstash/ratelimit` over RESP: gives the library the `eval`/`evalsha` it
 * calls, on an `ioredis` client, so containers count in the same keys with the
 * same scripts as Lambda (over Upstash REST) and can share one Redis with it.
 * Scripts are sent with the `allow-key-locking` shebang flag removed (stock
 * Redis 7.0 rejects it); the library's hash of the original text is mapped to
 * the stripped script's, so `EVALSHA` works once the script was seen, and
 * `NOSCRIPT` (a restarted Redis) still makes the library fall back to `EVAL`.
 *
 * @example
 * const limiter = createUpstashLimiter({ redis: ratelimitRedisOverResp(new Ioredis(url)), timeoutMs: 300 });
 */
export function ratelimitRedisOverResp(redis: Ioredis): UpstashRedis {
  const strippedSha = new Map<string, string>();
  const argv = (keys: string[], args: unknown[]) => [keys.length, ...keys, ...args.map((a) => (a === null || a === undefined ? '' : String(a)))];
  const adapter: RatelimitRedis = {
    async eval(script, keys, args) {
      const fixed = stripUnsupportedFlags(script);
      if (fixed !== script) strippedSha.set(scriptSha1(script), scriptSha1(fixed));
      return redis.eval(fixed, ...(argv(keys, args) as [number, ...string[]]));
    },
    async evalsha(sha, keys, args) {
      return redis.evalsha(strippedSha.get(sha) ?? sha, ...(argv(keys, args) as [number, ...string[]]));
    },
  };
  // The library types its client as `@upstash/redis`; it calls only what RatelimitRedis has.
  return adapter as unknown as UpstashRedis;
}
