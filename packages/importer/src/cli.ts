import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError } from './errors';
import type { ProgressMode } from './progress';

export interface CommonOptions {
  checkpoint: string;
  concurrency: number;
  dryRun: boolean;
  /** Also write the report as JSON here. */
  report: string | undefined;
  progress: ProgressMode;
  progressIntervalMs: number;
}

export type UsersInput = { jsonl: string } | { mongoUri: string; collection: string; database: string | undefined };

export type Command =
  | { name: 'help' }
  | { name: 'users'; input: UsersInput; options: CommonOptions }
  | { name: 'files'; folder: string; manifest: string | undefined; options: CommonOptions }
  | { name: 'status'; checkpoints: string[]; json: boolean };

export const USAGE = `usage: npm run import -- <command> [options]

  users <users.jsonl>                       one user a line: {email, passwordHash, role?, name?, createdAt?, disabled?}
  users --from-mongo <uri> --collection <name> [--source-db <db>]
                                            the same fields, read from the old API's MongoDB
  files <folder> [--manifest <file.jsonl>]  one file a line: {path, ownerEmail, filename?, contentType?, createdAt?};
                                            without a manifest, <folder>/<owner email>/…/<file>
  status [--checkpoint <file>]… [--json]    accounts still on bcrypt, and what the checkpoints hold

options (users, files):
  --checkpoint <file>      resume from / record to this file (default: ./import-<command>.checkpoint.jsonl)
  --concurrency <n>        items in flight at once (default 8)
  --dry-run                check everything, write nothing
  --report <file.json>     also write the report as JSON
  --progress <mode>        auto (a bar on a terminal, lines otherwise), bar, lines, none (default auto)
  --progress-interval <s>  seconds between two progress lines (default 5)

The target is configured as the API is (MONGODB_URI, MONGODB_DB, BUCKET_NAME, S3_*, FILES_*).
Exit codes: 0 all imported or skipped as duplicates, 1 something failed (see the report), 2 the run could not start,
130 interrupted (run the same command again to go on).
`;

const OPTIONS = {
  checkpoint: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  'dry-run': { type: 'boolean' },
  report: { type: 'string' },
  progress: { type: 'string' },
  'progress-interval': { type: 'string' },
  manifest: { type: 'string' },
  'from-mongo': { type: 'string' },
  collection: { type: 'string' },
  'source-db': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'bar', 'lines', 'none'];

/**
 * Parses the command line; throws `ImportError('USAGE')` naming what is wrong.
 * Relative paths are resolved against `cwd`.
 *
 * @example
 * parseCommand(['files', 'uploads', '--concurrency', '4'], '/srv'); // { name: 'files', folder: '/srv/uploads', … }
 */
export function parseCommand(argv: readonly string[], cwd: string): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ImportError('USAGE', (error as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (v.help || name === 'help' || name === undefined) return { name: 'help' };
  const path = (p: string) => resolve(cwd, p);
  const usage = (message: string) => new ImportError('USAGE', `${name}: ${message}`);
  const only = (allowed: string[]) => {
    const extra = Object.keys(v).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw usage(`--${extra[0]} does not apply here`);
  };
  const common = (): CommonOptions => {
    if ((v.checkpoint?.length ?? 0) > 1) throw usage('--checkpoint names one file here');
    const concurrency = Number(v.concurrency ?? 8);
    if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 256) throw usage('--concurrency must be a whole number from 1 to 256');
    const progress = (v.progress ?? 'auto') as ProgressMode;
    if (!PROGRESS_MODES.includes(progress)) throw usage(`--progress must be one of ${PROGRESS_MODES.join(', ')}`);
    const interval = Number(v['progress-interval'] ?? 5);
    if (!Number.isFinite(interval) || interval <= 0) throw usage('--progress-interval must be a number of seconds');
    return {
      checkpoint: path(v.checkpoint?.[0] ?? `import-${name}.checkpoint.jsonl`),
      concurrency,
      dryRun: v['dry-run'] ?? false,
      report: v.report === undefined ? undefined : path(v.report),
      progress,
      progressIntervalMs: interval * 1000,
    };
  };
  const commonKeys = ['checkpoint', 'concurrency', 'dry-run', 'report', 'progress', 'progress-interval'];

  if (name === 'users') {
    only([...commonKeys, 'from-mongo', 'collection', 'source-db']);
    if (v['from-mongo'] !== undefined) {
      if (rest.length > 0) throw usage('give either a file or --from-mongo, not both');
      if (!v.collection) throw usage('--from-mongo needs --collection');
      return { name, input: { mongoUri: v['from-mongo'], collection: v.collection, database: v['source-db'] }, options: common() };
    }
    if (rest.length !== 1) throw usage('give one JSON Lines file (or --from-mongo <uri> --collection <name>)');
    if (v.collection || v['source-db']) throw usage('--collection and --source-db go with --from-mongo');
    return { name, input: { jsonl: path(rest[0]!) }, options: common() };
  }
  if (name === 'files') {
    only([...commonKeys, 'manifest']);
    if (rest.length !== 1) throw usage('give the folder of the old uploads');
    return { name, folder: path(rest[0]!), manifest: v.manifest === undefined ? undefined : path(v.manifest), options: common() };
  }
  if (name === 'status') {
    only(['checkpoint', 'json']);
    if (rest.length > 0) throw usage('takes no arguments');
    return { name, checkpoints: (v.checkpoint ?? []).map(path), json: v.json ?? false };
  }
  throw new ImportError('USAGE', `unknown command "${name}"`);
}
