import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@nocturnal/core/config';
import { runCli } from './run';
import { bcryptHash, startImportTarget, type ImportTarget } from './testing';

let target: ImportTarget;
let dir: string;

beforeAll(async () => {
  target = await startImportTarget();
  dir = mkdtempSync(join(tmpdir(), 'run-'));
});
afterAll(async () => {
  await target?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI in-process, configured by `env` exactly as the bin is by the environment. */
async function cli(argv: string[], env: Record<string, string> = target.standIns.env, signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _e, cb) => (write(String(chunk)), cb()) });
  const code = await runCli(argv, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    cwd: dir,
    loadConfig: (required) => parseConfig({ LOG_LEVEL: 'silent', ...env }, required),
    signal,
  });
  return { code, stdout, stderr };
}

describe('runCli', () => {
  it('answers help with 0 and a usage mistake or a missing setting with 2', async () => {
    expect((await cli(['--help'])).stdout).toContain('usage: npm run import');
    expect((await cli(['files'])).code).toBe(2);
    const unconfigured = await cli(['users', 'users.jsonl'], {});

    expect(unconfigured.code).toBe(2);
    expect(unconfigured.stderr).toContain('MONGODB_URI: is required but not set');
    expect((await cli(['files', '.'], { MONGODB_URI: target.standIns.env.MONGODB_URI! })).stderr).toContain('BUCKET_NAME');
    expect((await cli(['users', 'users.jsonl'], { ...target.standIns.env, MONGODB_URL: 'x' })).stderr).toContain('did you mean MONGODB_URI');
  });

  it('imports, prints the report, writes it as JSON, and exits 1 when a line failed', async () => {
    const hash = await bcryptHash('password1', 4);
    writeFileSync(join(dir, 'users.jsonl'), `${JSON.stringify({ email: 'run1@x.io', passwordHash: hash, role: 'admin' })}\n{"email":"run2@x.io","passwordHash":"plain"}\n`);

    const first = await cli(['users', 'users.jsonl', '--report', 'report.json', '--progress', 'none']);

    expect(first.code).toBe(1);
    expect(first.stdout).toContain('  admins       1: run1@x.io\n');
    expect(first.stdout).toContain('line 2 (run2@x.io): UNKNOWN_PASSWORD_HASH');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ kind: 'users', imported: 1, failed: [{ code: 'UNKNOWN_PASSWORD_HASH' }], checkpoint: join(dir, 'import-users.checkpoint.jsonl') });

    writeFileSync(join(dir, 'users.jsonl'), `${JSON.stringify({ email: 'run1@x.io', passwordHash: hash })}\n`);
    const second = await cli(['users', 'users.jsonl', '--progress', 'lines']);

    expect(second.code).toBe(0);
    expect(second.stdout).toContain('  already      1 (imported by an earlier run: left alone)\n');
    expect(second.stderr).toMatch(/^users: 1\/1 \(100%\)/m);
  });

  it('starts nothing once interrupted, says so, and exits 130', async () => {
    const hash = await bcryptHash('password1', 4);
    writeFileSync(join(dir, 'later.jsonl'), `${JSON.stringify({ email: 'later@x.io', passwordHash: hash })}\n`);
    const abort = new AbortController();
    abort.abort();

    const run = await cli(['users', 'later.jsonl', '--progress', 'none', '--checkpoint', 'later.checkpoint.jsonl'], target.standIns.env, abort.signal);

    expect(run.code).toBe(130);
    expect(run.stdout).toContain('run the same command again to go on');
    expect(await target.users.findByEmail('later@x.io')).toBeNull();
  });

  it('refuses to resume a checkpoint against another target', async () => {
    writeFileSync(join(dir, 'other.jsonl'), '');
    const otherDb = { ...target.standIns.env, MONGODB_DB: 'another' };

    expect((await cli(['users', 'other.jsonl', '--checkpoint', 'shared.jsonl'])).code).toBe(0);
    const refused = await cli(['users', 'other.jsonl', '--checkpoint', 'shared.jsonl'], otherDb);

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('was written for another target (database nocturnal on');
    expect(refused.stderr).not.toContain('S3RVER');
  });

  it('shows the status as JSON', async () => {
    const { code, stdout } = await cli(['status', '--json', '--checkpoint', 'import-users.checkpoint.jsonl']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ hashes: { bcrypt: 1 }, checkpoints: [{ kind: 'users', imported: 1 }] });
  });
});
