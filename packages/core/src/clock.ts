/**
 * The one clock type of core: milliseconds since the epoch, as `Date.now`
 * returns them. Every use case and adapter takes it as `now`, so tests freeze
 * and advance time instead of sleeping.
 *
 * @example
 * let t = 0;
 * const limiter = createMemoryLimiter({ now: () => t });
 */
export type Clock = () => number;

/** The injected clock's time as a `Date`, or the system's. */
export function nowOf(ctx: { now?: Clock }): Date {
  return new Date(ctx.now ? ctx.now() : Date.now());
}
