import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createMemoryLimiter } from './memory-limiter';
import { createResilientLimiter } from './resilient-limiter';
import { LimiterUnavailableError, type Limiter } from './types';

const policy = { name: 'api' as const, limit: 2, windowSeconds: 60 };

function setup() {
  let t = 0;
  let calls = 0;
  let healthy = false;
  const lines: string[] = [];
  const redis = createMemoryLimiter({ now: () => t });
  const primary: Limiter = {
    limit: async (p, k) => {
      calls++;
      if (!healthy) throw new LimiterUnavailableError('down');
      return { ...(await redis.limit(p, k)), store: 'redis' };
    },
    peek: async (p, k) => ({ ...(await redis.peek(p, k)), store: 'redis' }),
    reset: (p, k) => redis.reset(p, k),
  };
  const log = createLogger({ level: 'info', write: (l) => lines.push(l) });
  const limiter = createResilientLimiter({ primary, fallback: createMemoryLimiter({ now: () => t }), breakerMs: 10_000, log, now: () => t });
  return {
    limiter,
    lines,
    calls: () => calls,
    advance: (ms: number) => (t += ms),
    heal: () => (healthy = true),
  };
}

describe('createResilientLimiter', () => {
  it('falls back to memory with the same policy: limited, not waved through', async () => {
    const s = setup();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await s.limiter.limit(policy, 'k'));
    expect(results.map((r) => r.success)).toEqual([true, true, false, false]);
    expect(results.every((r) => r.store === 'memory')).toBe(true);
    expect(s.limiter.status()).toMatchObject({ store: 'memory', degraded: true });
  });

  it('opens the breaker: no Redis call until it half-opens, one warning per period', async () => {
    const s = setup();
    for (let i = 0; i < 5; i++) await s.limiter.limit(policy, `k${i}`);
    expect(s.calls()).toBe(1);
    s.advance(10_000);
    await s.limiter.limit(policy, 'x');
    expect(s.calls()).toBe(2);
    const warnings = s.lines.filter((l) => JSON.parse(l).level === 'warn');
    expect(warnings).toHaveLength(2);
  });

  it('recovers by itself when Redis is back', async () => {
    const s = setup();
    await s.limiter.limit(policy, 'k');
    s.heal();
    s.advance(10_000);
    expect((await s.limiter.limit(policy, 'k')).store).toBe('redis');
    expect(s.limiter.status()).toEqual({ store: 'redis', degraded: false });
    expect(s.lines.some((l) => JSON.parse(l).msg.includes('recovered'))).toBe(true);
  });
});
