/** Thrown by {@link withTimeout} when the work took too long. */
export class TimeoutError extends Error {
  readonly code = 'TIMEOUT';
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * `promise`, or a {@link TimeoutError} after `ms`; the timer never outlives
 * the race. The work itself is not cancelled: callers that must stop it pass
 * their own signal to it.
 *
 * @example
 * await withTimeout(redis.ping(), 500); // throws TimeoutError when Redis hangs
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
