import { describe, expect, it } from 'vitest';
import { until } from './testing';

describe('until', () => {
  it('returns the first value ok accepts, trying again after a throw', async () => {
    let calls = 0;
    const probe = () => {
      calls++;
      if (calls === 1) throw new Error('not yet');
      return calls;
    };
    const value = await until('the third call', probe, { intervalMs: 1, ok: (n) => n === 3 });

    expect(value).toBe(3);
  });

  it('gives up loudly, naming what it waited for and the last value or error', async () => {
    const refused = await until('a miracle', () => ({ status: 503 }), { timeoutMs: 30, intervalMs: 5, ok: (r) => r.status === 200 }).catch((e: Error) => e);
    const failing = await until('a healthy probe', () => Promise.reject(new Error('ECONNREFUSED')), { timeoutMs: 30, intervalMs: 5 }).catch((e: Error) => e);

    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe('timed out after 30 ms waiting for a miracle; last value: { status: 503 }');
    expect((failing as Error).message).toBe('timed out after 30 ms waiting for a healthy probe; last error: Error: ECONNREFUSED');
    expect((failing as Error).cause).toEqual(new Error('ECONNREFUSED'));
  });
});
