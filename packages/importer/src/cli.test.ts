import { describe, expect, it } from 'vitest';
import { parseCommand } from './cli';
import { ImportError } from './errors';

const usage = (argv: string[]) => {
  try {
    parseCommand(argv, '/srv');
    return undefined;
  } catch (error) {
    return error instanceof ImportError ? error.code : String(error);
  }
};

describe('parseCommand', () => {
  it('reads a users import from a file with defaults, paths resolved against the working folder', () => {
    expect(parseCommand(['users', 'old/users.jsonl'], '/srv')).toEqual({
      name: 'users',
      input: { jsonl: '/srv/old/users.jsonl' },
      options: { checkpoint: '/srv/import-users.checkpoint.jsonl', concurrency: 8, dryRun: false, report: undefined, progress: 'auto', progressIntervalMs: 5000 },
    });
  });

  it('reads a users import from MongoDB', () => {
    const command = parseCommand(['users', '--from-mongo', 'mongodb://old/app', '--collection', 'accounts', '--dry-run'], '/srv');

    expect(command).toMatchObject({ name: 'users', input: { mongoUri: 'mongodb://old/app', collection: 'accounts' }, options: { dryRun: true } });
  });

  it('reads a files import with every option', () => {
    const argv = ['files', 'uploads', '--manifest', 'm.jsonl', '--checkpoint', '/var/cp', '--concurrency', '3', '--report', 'r.json', '--progress', 'lines', '--progress-interval', '0.5'];

    expect(parseCommand(argv, '/srv')).toEqual({
      name: 'files',
      folder: '/srv/uploads',
      manifest: '/srv/m.jsonl',
      options: { checkpoint: '/var/cp', concurrency: 3, dryRun: false, report: '/srv/r.json', progress: 'lines', progressIntervalMs: 500 },
    });
  });

  it('reads status with several checkpoints', () => {
    expect(parseCommand(['status', '--checkpoint', 'a', '--checkpoint', 'b', '--json'], '/srv')).toEqual({
      name: 'status',
      checkpoints: ['/srv/a', '/srv/b'],
      json: true,
    });
  });

  it('answers help without a command', () => {
    expect(parseCommand([], '/srv')).toEqual({ name: 'help' });
    expect(parseCommand(['files', '--help'], '/srv')).toEqual({ name: 'help' });
  });

  it('refuses what does not make sense', () => {
    for (const argv of [
      ['nope'],
      ['users'],
      ['users', 'a.jsonl', 'b.jsonl'],
      ['users', 'a.jsonl', '--from-mongo', 'mongodb://x/y', '--collection', 'u'],
      ['users', '--from-mongo', 'mongodb://x/y'],
      ['users', 'a.jsonl', '--manifest', 'm'],
      ['files'],
      ['files', 'dir', '--concurrency', '0'],
      ['files', 'dir', '--concurrency', 'many'],
      ['files', 'dir', '--progress', 'fancy'],
      ['files', 'dir', '--typo'],
      ['status', '--dry-run'],
    ]) {
      expect(usage(argv), argv.join(' ')).toBe('USAGE');
    }
  });
});
