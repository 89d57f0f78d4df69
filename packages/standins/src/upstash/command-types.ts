/** One argument sent to Redis: text, or raw bytes (the body of a path-form POST). */
export type RedisArg = string | Buffer;

/** A command as sent to Redis: upper-case name first, then its arguments. */
export type RedisCommand = [name: string, ...args: RedisArg[]];

/**
 * A command ready to run, plus an optional rewrite of its reply (used to hide the
 * script-flag workaround from clients).
 */
export interface PreparedCommand {
  command: RedisCommand;
  mapReply?: (reply: unknown) => unknown;
}

/** The result of one command: a reply, or a Redis error message. */
export type CommandOutcome = { ok: true; value: unknown } | { ok: false; error: string };
