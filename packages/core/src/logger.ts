/**
 * Structured JSON logs, one line each, carrying the request id when bound.
 *
 * @example
 * const log = createLogger({ level: 'info' }).child({ requestId });
 * log.warn('rate limiter degraded', { store: 'memory' });
 */
import { writeSync } from 'node:fs';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(
  opts: { level?: LogLevel; fields?: Record<string, unknown>; write?: (line: string) => void } = {},
): Logger {
  const min = RANK[opts.level ?? 'info'];
  const base = opts.fields ?? {};
  const write = opts.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const emit = (level: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (RANK[level] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...serialiseFields(fields) }));
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger({ ...opts, fields: { ...base, ...fields } }),
  };
}

/** Log fields with errors as plain objects (name, message, code, stack): what every logger adapter writes. */
export function serialiseFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, code: (v as { code?: unknown }).code, stack: v.stack } : v;
  }
  return out;
}

/**
 * A sink for long-running servers: stdout, batched per turn of the event
 * loop. Writes to a pipe are synchronous on Linux, so one `write` per log
 * line (the access log: one per request) costs a syscall each; lines of one
 * turn go out together instead, and whatever is left is written
 * synchronously when the process exits, so no line is lost. Not for Lambda,
 * which may freeze the process before the next turn: there the default sink
 * writes each line at once.
 *
 * @example
 * const log = createLogger({ level: 'info', write: writeBatched });
 */
let pending: string[] = [];
function flush(): void {
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}
export function writeBatched(line: string): void {
  if (pending.length === 0) setImmediate(flush);
  pending.push(line + '\n');
}
process.once('exit', () => {
  if (pending.length === 0) return;
  try {
    writeSync(1, pending.join(''));
  } catch {
    // stdout is gone: nothing left to tell.
  }
  pending = [];
});
