import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createMemorySignalStore } from './signals.memory';
import { createStrictMode } from './strict-mode';
import { policyFor, resolvePolicies } from './policies';

function setup(cacheMs = 0) {
  let t = 1_000_000;
  const now = () => t;
  const store = createMemorySignalStore(now);
  const opts = { store, threshold: 5, windowSeconds: 60, cooldownSeconds: 30, cacheMs, log: createLogger({ level: 'silent' }), now };
  return { a: createStrictMode(opts), b: createStrictMode(opts), advance: (ms: number) => (t += ms) };
}

describe('createStrictMode', () => {
  it('switches on when the window crosses the threshold and off after the cool-down', async () => {
    const { a, advance } = setup();
    for (let i = 0; i < 4; i++) await a.signal();
    expect(await a.isStrict()).toBe(false);
    await a.signal();
    expect(await a.isStrict()).toBe(true);
    expect(await a.status()).toMatchObject({ mode: 'strict', reason: 'auto', signals: { count: 5, threshold: 5 } });
    advance(29_000);
    expect(await a.isStrict()).toBe(true);
    advance(1_000);
    expect(await a.isStrict()).toBe(false);
  });

  it('is shared: another instance sees it once its cache expires', async () => {
    const { a, b, advance } = setup(2_000);
    expect(await b.isStrict()).toBe(false);
    for (let i = 0; i < 5; i++) await a.signal();
    expect(await b.isStrict()).toBe(false); // still cached
    advance(2_000);
    expect(await b.isStrict()).toBe(true);
  });

  it('can be set by hand; a manual normal holds auto-switching off', async () => {
    const { a, advance } = setup();
    await a.set('strict', 10);
    expect(await a.status()).toMatchObject({ mode: 'strict', reason: 'manual' });
    await a.set('normal', 100);
    for (let i = 0; i < 10; i++) await a.signal();
    expect(await a.isStrict()).toBe(false);
    advance(100_000);
    // A new window: its own count must cross the threshold again.
    for (let i = 0; i < 4; i++) await a.signal();
    expect(await a.isStrict()).toBe(false);
    await a.signal();
    expect(await a.isStrict()).toBe(true);
  });

  it('keeps the last known mode when the store fails', async () => {
    const { a } = setup();
    for (let i = 0; i < 5; i++) await a.signal();
    const failing = createStrictMode({
      store: { increment: () => Promise.reject(new Error('x')), count: () => Promise.reject(new Error('x')), getState: () => new Promise(() => {}), setState: () => Promise.reject(new Error('x')) },
      threshold: 1, windowSeconds: 60, cooldownSeconds: 30, cacheMs: 0, timeoutMs: 20, log: createLogger({ level: 'silent' }),
    });
    const started = Date.now();
    expect(await failing.isStrict()).toBe(false);
    await failing.signal();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('policyFor', () => {
  it('multiplies limits by the strict factor, never below 1', () => {
    const policies = resolvePolicies({
      RATE_LIMIT_AUTH: { limit: 10, windowSeconds: 900 },
      RATE_LIMIT_API: { limit: 100, windowSeconds: 60 },
      RATE_LIMIT_UPLOADS: { limit: 2, windowSeconds: 3600 },
      RATE_LIMIT_LOGIN_FAILURES: { limit: 5, windowSeconds: 900 },
    });
    expect(policyFor(policies, 'api', true, 0.2)).toEqual({ name: 'api', limit: 20, windowSeconds: 60 });
    expect(policyFor(policies, 'uploads', true, 0.2).limit).toBe(1);
    expect(policyFor(policies, 'api', false, 0.2).limit).toBe(100);
  });

  it('one client alone never trips it, however many signals it sends; many clients do', async () => {
    let t = 1_000_000;
    const store = createMemorySignalStore(() => t);
    const strict = createStrictMode({
      store, threshold: 20, windowSeconds: 60, cooldownSeconds: 30, cacheMs: 0, perClientCap: 5, minClients: 4,
      log: createLogger({ level: 'silent' }), now: () => t,
    });

    for (let i = 0; i < 1_100; i++) await strict.signal('ip:203.0.113.7');
    expect(await strict.isStrict()).toBe(false);
    expect((await strict.status()).signals).toMatchObject({ count: 5, clients: 1, perClientCap: 5, minClients: 4 });

    // Three clients reach the cap: 15 signals, 3 clients, still normal.
    for (const ip of ['a', 'b']) for (let i = 0; i < 5; i++) await strict.signal(`ip:${ip}`);
    expect(await strict.isStrict()).toBe(false);
    // A fourth client brings the window to 20 signals from 4 clients.
    for (let i = 0; i < 5; i++) await strict.signal('ip:c');
    expect(await strict.isStrict()).toBe(true);
    t += 1;
  });
});

