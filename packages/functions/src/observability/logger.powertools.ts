/**
 * Core's {@link Logger} written by Powertools for AWS Lambda's Logger: one
 * JSON line per call, with Powertools' keys (`level`, `message`, `timestamp`,
 * `service`), the Lambda context its middleware adds (`cold_start`,
 * `function_name`, `function_request_id`, …; see lambda-context.ts) and ours.
 *
 * One Powertools logger per process. `child(fields)` runs once per request
 * (the request-context middleware binds the request id and the route), so it
 * only merges the fields into a new small object: Powertools' own
 * `createChild()` constructs a whole new Logger (options, formatter, a new
 * `Console`) each time. A child bound to a `requestId` also writes it as
 * `correlation_id`, Powertools' key for it.
 *
 * @example
 * const powertools = createPowertoolsLogger({ level: 'info', service: METRIC_SERVICE, keys: { stage: 'prod' } });
 * const log = powertoolsLog(powertools).child({ requestId: 'abc', route: 'users-me-get' });
 * log.info('request', { status: 200 });
 * // {"level":"INFO","message":"request","timestamp":"…","service":"nocturnal-api",…,"stage":"prod","requestId":"abc","correlation_id":"abc","route":"users-me-get","status":200}
 */
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { serialiseFields, type Logger, type LogLevel } from '@nocturnal/core/logger';

type Level = Exclude<LogLevel, 'silent'>;

/** Powertools' thresholds (its `LogLevelThreshold`), to skip building a line it would drop. */
const THRESHOLD: Record<Level, number> = { debug: 8, info: 12, warn: 16, error: 20 };

export function createPowertoolsLogger(opts: { level: LogLevel; service: string; keys?: Record<string, unknown> }): PowertoolsLogger {
  return new PowertoolsLogger({
    logLevel: opts.level === 'silent' ? 'SILENT' : opts.level,
    serviceName: opts.service,
    persistentKeys: opts.keys ?? {},
  });
}

/**
 * The project's logger over a Powertools logger. `silent` writes nothing at
 * all, even where Lambda's own log-level setting would let Powertools log.
 */
export function powertoolsLog(powertools: PowertoolsLogger, opts: { silent?: boolean } = {}): Logger {
  if (opts.silent) return silentLog;
  return bound(powertools, {});
}

function bound(powertools: PowertoolsLogger, fields: Record<string, unknown>): Logger {
  const emit = (level: Level) =>
    function log(msg: string, extra?: Record<string, unknown>) {
      // `level` follows sampling and Lambda's log-level setting (Powertools decides).
      if (THRESHOLD[level] < powertools.level) return;
      powertools[level](msg, extra ? { ...fields, ...serialiseFields(extra) } : fields);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child(more) {
      const merged = { ...fields, ...more };
      if (typeof more.requestId === 'string') merged.correlation_id = more.requestId;
      return bound(powertools, merged);
    },
  };
}

const silentLog: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLog,
};
