/**
 * For tests: what the process writes to stdout and stderr while capturing,
 * line by line. Powertools' Logger and Metrics write through a `Console` of
 * their own over `process.stdout` and `process.stderr` (not the global
 * `console` a test runner intercepts), so the streams' `write` is where
 * their lines can be read: exactly the bytes Lambda would ship to CloudWatch.
 * No handler imports this module.
 *
 * @example
 * const output = captureOutput();
 * log.info('hello');
 * output.stop();
 * expect(output.json()[0]).toMatchObject({ message: 'hello' });
 */
export interface CapturedOutput {
  /** Complete lines written to stdout so far. */
  stdout(): string[];
  /** Complete lines written to stderr so far. */
  stderr(): string[];
  /** The stdout lines that are JSON objects, parsed (log lines and EMF lines). */
  json(): Array<Record<string, any>>;
  /** The EMF lines among them. */
  emf(): Array<Record<string, any>>;
  /** Forgets what was captured so far. */
  clear(): void;
  /** Restores the streams. */
  stop(): void;
}

export function captureOutput(): CapturedOutput {
  const streams = { stdout: process.stdout, stderr: process.stderr } as const;
  const text = { stdout: '', stderr: '' };
  const originals = { stdout: streams.stdout.write, stderr: streams.stderr.write };
  for (const name of ['stdout', 'stderr'] as const) {
    streams[name].write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      text[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      // The write's callback, if any, as the stream would call it.
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  }
  const lines = (name: 'stdout' | 'stderr') => text[name].split('\n').slice(0, -1);
  const json = () =>
    lines('stdout').flatMap((line) => {
      try {
        const value = JSON.parse(line);
        return value && typeof value === 'object' ? [value] : [];
      } catch {
        return [];
      }
    });
  return {
    stdout: () => lines('stdout'),
    stderr: () => lines('stderr'),
    json,
    emf: () => json().filter((line) => line._aws !== undefined),
    clear: () => {
      text.stdout = '';
      text.stderr = '';
    },
    stop: () => {
      streams.stdout.write = originals.stdout;
      streams.stderr.write = originals.stderr;
    },
  };
}
