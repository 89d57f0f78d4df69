/**
 * Runs `task` over `items` with at most `concurrency` tasks in flight, pulling
 * the next item only when a slot is free (so a huge input is never all in
 * memory). Once `signal` is aborted no new item starts; the ones in flight
 * finish. A task that throws stops the run with its error: tasks report their
 * own per-item failures instead of throwing.
 *
 * @example
 * await forEachConcurrently(readManifest(dir), 8, (item) => importFile(ctx, item), abort.signal);
 */
export async function forEachConcurrently<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  task: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  let failed = false;
  const worker = async () => {
    while (!failed && !signal?.aborted) {
      const next = await iterator.next();
      if (next.done) return;
      try {
        await task(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return { next: async () => it.next() };
}

/**
 * Runs functions one at a time per key (others in parallel): the quota
 * reservation of an owner's files, which two at once could both fail.
 *
 * @example
 * const serial = serialPerKey();
 * await serial(owner.id, () => createUpload(ctx, caller, input));
 */
export function serialPerKey(): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, fn) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
