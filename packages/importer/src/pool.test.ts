import { describe, expect, it } from 'vitest';
import { forEachConcurrently, serialPerKey } from './pool';

/** A task that waits until the test lets it finish, so concurrency is observed without timers. */
function gatedTasks() {
  const gates: Array<() => void> = [];
  let inFlight = 0;
  let peak = 0;
  const done: number[] = [];
  const task = (n: number) =>
    new Promise<void>((resolve) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      gates.push(() => {
        inFlight -= 1;
        done.push(n);
        resolve();
      });
    });
  const releaseAll = async () => {
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { task, releaseAll, done, peak: () => peak, waiting: () => gates.length };
}

describe('forEachConcurrently', () => {
  it('keeps at most `concurrency` tasks in flight and runs every item once', async () => {
    const gated = gatedTasks();
    async function* items() {
      for (let i = 0; i < 10; i++) yield i;
    }

    const run = forEachConcurrently(items(), 3, gated.task);
    await new Promise((r) => setImmediate(r));
    expect(gated.waiting()).toBe(3);
    await gated.releaseAll();
    await run;

    expect(gated.peak()).toBe(3);
    expect([...gated.done].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts nothing new once aborted and lets the tasks in flight finish', async () => {
    const gated = gatedTasks();
    const abort = new AbortController();

    const run = forEachConcurrently([1, 2, 3, 4, 5, 6], 2, gated.task, abort.signal);
    await new Promise((r) => setImmediate(r));
    abort.abort();
    await gated.releaseAll();
    await run;

    expect(gated.done.sort()).toEqual([1, 2]);
  });

  it('stops on a task that throws', async () => {
    const seen: number[] = [];
    const run = forEachConcurrently([1, 2, 3, 4], 1, async (n) => {
      seen.push(n);
      if (n === 2) throw new Error('boom');
    });

    await expect(run).rejects.toThrow('boom');
    expect(seen).toEqual([1, 2]);
  });

  it('refuses a concurrency below one', async () => {
    await expect(forEachConcurrently([1], 0, async () => {})).rejects.toThrow(RangeError);
  });
});

describe('serialPerKey', () => {
  it('runs one function at a time per key and keys in parallel, past a failure', async () => {
    const serial = serialPerKey();
    const log: string[] = [];
    const step = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setImmediate(r));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };

    const results = await Promise.allSettled([serial('a', step('a1', true)), serial('a', step('a2')), serial('b', step('b1'))]);

    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
