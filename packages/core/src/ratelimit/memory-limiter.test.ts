import { describe, expect, it } from 'vitest';
import { createMemoryLimiter } from './memory-limiter';
import { clientKey, ipKey } from './client-key';

const policy = { name: 'api' as const, limit: 3, windowSeconds: 60 };

describe('createMemoryLimiter', () => {
  it('lets exactly `limit` requests through per window, then resets at the window edge', async () => {
    let t = 120_000; // a window boundary
    const limiter = createMemoryLimiter({ now: () => t });
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push((await limiter.limit(policy, 'k')).success);
    expect(outcomes).toEqual([true, true, true, false, false]);
    const rejected = await limiter.limit(policy, 'k');
    expect(rejected).toMatchObject({ remaining: 0, reset: 180_000, store: 'memory' });
    t = 180_000;
    expect((await limiter.limit(policy, 'k')).success).toBe(true);
  });

  it('counts keys and policies apart', async () => {
    const limiter = createMemoryLimiter({ now: () => 0 });
    for (let i = 0; i < 3; i++) await limiter.limit(policy, 'a');
    expect((await limiter.limit(policy, 'b')).success).toBe(true);
    expect((await limiter.limit({ ...policy, name: 'auth' }, 'a')).success).toBe(true);
  });

  it('peeks without spending', async () => {
    const limiter = createMemoryLimiter({ now: () => 0 });
    await limiter.limit(policy, 'a');
    expect(await limiter.peek(policy, 'a')).toMatchObject({ success: true, remaining: 2 });
    expect(await limiter.peek(policy, 'a')).toMatchObject({ remaining: 2 });
  });

  it('stays bounded in memory', async () => {
    const limiter = createMemoryLimiter({ now: () => 0, maxKeys: 10 });
    for (let i = 0; i < 100; i++) await limiter.limit(policy, `k${i}`);
    // The newest key still counts correctly.
    expect((await limiter.peek(policy, 'k99')).remaining).toBe(2);
  });
});

describe('clientKey', () => {
  it('prefers the user, then the address; IPv6 by its /64', () => {
    expect(clientKey({ userId: 'u1', ip: '1.2.3.4' })).toBe('user:u1');
    expect(clientKey({ ip: '1.2.3.4' })).toBe('ip:1.2.3.4');
    expect(ipKey('::ffff:10.0.0.1')).toBe('ip:10.0.0.1');
    expect(ipKey('2001:db8:1:2:3:4:5:6')).toBe('ip6:2001:db8:1:2::/64');
    expect(ipKey('2001:db8:1:2::9')).toBe(ipKey('2001:0db8:0001:0002:ffff::1'));
    expect(ipKey('2001:db8::1')).toBe('ip6:2001:db8:0:0::/64');
    expect(ipKey('2001:db8:1:3::1')).not.toBe(ipKey('2001:db8:1:2::1'));
  });
});
