/**
 * Test support shared by the stand-ins' tests and the project's (test/helpers/until.ts
 * re-exports it): one way to wait for a condition, failing loudly.
 *
 * @example
 * const health = await until('readiness back on redis', () => http(`${url}/api/v1/health`), {
 *   ok: (r) => r.body?.checks?.rateLimit?.store === 'redis',
 *   timeoutMs: 15_000,
 * });
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface UntilOptions<T> {
  /** Give up after this long. Default 10 s. */
  timeoutMs?: number;
  /** Pause between two probes. Default 50 ms. */
  intervalMs?: number;
  /** Whether a probed value is the one waited for. Default: truthy. */
  ok?: (value: T) => boolean;
}

/**
 * Calls `probe` until `ok` accepts its value and returns that value. A probe
 * that throws is tried again. When the time is up it throws an Error naming
 * `what` and the last value or error seen; it never returns a value `ok` refused.
 */
export async function until<T>(what: string, probe: () => T | Promise<T>, opts: UntilOptions<T> = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 50, ok = Boolean } = opts;
  const started = Date.now();
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (ok(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() - started >= timeoutMs) {
      const seen = 'error' in last ? `last error: ${show(last.error)}` : `last value: ${show(last.value)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${seen}`, 'error' in last ? { cause: last.error } : undefined);
    }
    await sleep(intervalMs);
  }
}

function show(value: unknown): string {
  const text = value instanceof Error ? String(value) : inspect(value, { depth: 4, breakLength: Infinity });
  return text.length > 1_000 ? `${text.slice(0, 1_000)}…` : text;
}
