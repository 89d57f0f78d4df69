/**
 * Typed errors of the Upstash stand-in. Each carries a stable `code`; tests and
 * callers assert on the code, never on the message.
 */

/**
 * `redis-server` is not installed (not on PATH).
 *
 * @example
 * ```ts
 * try { await startUpstash(); } catch (e) {
 *   if (e instanceof RedisServerMissingError) useMemoryLimiter();
 * }
 * ```
 */
export class RedisServerMissingError extends Error {
  readonly code = 'REDIS_SERVER_MISSING';
  constructor() {
    super('redis-server was not found on PATH (Debian/Ubuntu: apt-get install redis-server)');
    this.name = 'RedisServerMissingError';
  }
}

/** `redis-server` was found but exited or never answered PING. */
export class RedisServerStartError extends Error {
  readonly code = 'REDIS_SERVER_START_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'RedisServerStartError';
  }
}

/** A request the proxy rejects before or instead of reaching Redis (bad body, denied command). */
export class ProxyRequestError extends Error {
  readonly code = 'PROXY_BAD_REQUEST';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProxyRequestError';
  }
}

/** Redis could not be reached or did not answer in time; the proxy answers 503. */
export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`ERR redis unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RedisUnavailableError';
  }
}
