import { writeFileSync } from 'node:fs';
import { ConfigError, type Config, type RequirableSetting } from '@nocturnal/core/config';
import { openCheckpoint } from './checkpoint';
import { parseCommand, USAGE, type Command, type CommonOptions } from './cli';
import { createImportContext, settingsFor, type ImportContext } from './context';
import { ImportError } from './errors';
import { importFiles } from './files/import-files';
import { readManifest, walkFolder } from './files/manifest';
import { s3PutFile } from './files/put-object';
import { createProgress, type ProgressOptions } from './progress';
import { exitCodeOf, formatReport, type Report } from './report';
import type { RunOptions } from './run-options';
import { formatStatus, readStatus } from './status';
import { importUsers } from './users/import-users';
import { jsonLinesSource, mongoSource } from './users/sources';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  /** Progress and errors. */
  stderr: ProgressOptions['stream'];
  cwd: string;
  /** The one configuration, with the settings this command cannot run without. */
  loadConfig(required: readonly RequirableSetting[]): Config;
  /** Aborted on Ctrl-C: nothing new starts, the report is still printed. */
  signal?: AbortSignal;
}

/**
 * The whole command line: parse, configure, run, report. Returns the exit
 * code: 0 when everything was imported (or skipped as a duplicate), 1 when
 * anything failed, 2 when the run could not start (usage, configuration, an
 * unreadable input, a checkpoint of another target).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { stdout, stderr, cwd, loadConfig: (r) => loadConfig({}, r) });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let ctx: ImportContext | undefined;
  try {
    const command = parseCommand(argv, io.cwd);
    if (command.name === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    ctx = await createImportContext(io.loadConfig(settingsFor(command.name)), command.name);
    if (command.name === 'status') {
      const status = await readStatus(ctx.users, ctx.config.PASSWORD_SCRYPT_LOG_N, command.checkpoints);
      io.stdout.write(command.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
      return 0;
    }
    const report = await runImport(command, ctx, io);
    io.stdout.write(formatReport(report));
    if (command.options.report) writeFileSync(command.options.report, `${JSON.stringify(report, null, 2)}\n`);
    return exitCodeOf(report);
  } catch (error) {
    if (error instanceof ImportError || error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n${error instanceof ImportError && error.code === 'USAGE' ? `\n${USAGE}` : ''}`);
      return 2;
    }
    throw error;
  } finally {
    await ctx?.close();
  }
}

async function runImport(command: Exclude<Command, { name: 'help' | 'status' }>, ctx: ImportContext, io: CliIo): Promise<Report> {
  const { options } = command;
  const header = { kind: command.name, target: ctx.target.fingerprint, describe: ctx.target.describe };
  const checkpoint = openCheckpoint(options.checkpoint, header, { readOnly: options.dryRun });
  try {
    const run = runOptions(options, command.name, checkpoint, io);
    if (command.name === 'users') {
      const source = 'jsonl' in command.input ? jsonLinesSource(command.input.jsonl) : mongoSource(command.input.mongoUri, command.input.collection, command.input.database);
      try {
        return await importUsers(ctx.users, source, run);
      } finally {
        await source.close();
      }
    }
    const files = ctx.files!;
    const exclude = [options.checkpoint, `${options.checkpoint}.lock`, ...(options.report ? [options.report] : [])];
    const listed = command.manifest ? await readManifest(command.folder, command.manifest) : await walkFolder(command.folder, exclude);
    return await importFiles({ users: ctx.users, files, put: s3PutFile(files.s3, files.bucket) }, listed, run);
  } finally {
    checkpoint.close();
  }
}

function runOptions(options: CommonOptions, label: string, checkpoint: RunOptions['checkpoint'], io: CliIo): RunOptions {
  return {
    concurrency: options.concurrency,
    dryRun: options.dryRun,
    checkpoint,
    progress: createProgress({ mode: options.progress, stream: io.stderr, label, intervalMs: options.progressIntervalMs }),
    signal: io.signal,
  };
}
