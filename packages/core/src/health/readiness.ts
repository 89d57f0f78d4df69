/**
 * Readiness: every dependency checked in parallel, each bounded by a timeout.
 * A required dependency that fails makes the service `down` (503); an optional
 * one, or a check that reports itself degraded, makes it `degraded` (still 200).
 *
 * @example
 * const report = await checkReadiness({ mongo: { required: true, run: () => pingMongo(m) } });
 */
import { TimeoutError, withTimeout } from '../timeout';
export type CheckStatus = 'ok' | 'degraded' | 'down';

export interface CheckResult {
  status: CheckStatus;
  latencyMs: number;
  [detail: string]: unknown;
}

export interface Check {
  required: boolean;
  /** Resolves with extra details (may set `status: 'degraded'`), rejects when down. */
  run: () => Promise<Record<string, unknown> | void>;
}

export interface Readiness {
  status: CheckStatus;
  checks: Record<string, CheckResult>;
}

export async function checkReadiness(checks: Record<string, Check>, timeoutMs = 2_000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const),
  );
  const results = Object.fromEntries(entries);
  let status: CheckStatus = 'ok';
  for (const [name, result] of entries) {
    if (result.status === 'ok') continue;
    if (result.status === 'down' && checks[name]!.required) status = 'down';
    else if (status === 'ok') status = 'degraded';
  }
  return { status, checks: results };
}

async function runCheck(check: Check, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  try {
    const details = await withTimeout(check.run(), timeoutMs);
    return { status: 'ok', ...(details ?? {}), latencyMs: elapsed(started) } as CheckResult;
  } catch (error) {
    // Only the error's class and a short reason: never connection strings.
    const reason = error instanceof TimeoutError ? 'timeout' : error instanceof Error ? error.name : 'error';
    return { status: 'down', reason, latencyMs: elapsed(started) };
  }
}

const elapsed = (t: number) => Math.round((performance.now() - t) * 10) / 10;
