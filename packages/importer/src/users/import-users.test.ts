import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@nocturnal/core/auth/passwords';
import { openCheckpoint } from '../checkpoint';
import { createProgress } from '../progress';
import type { RunOptions } from '../run-options';
import { bcryptHash, startImportTarget, type ImportTarget } from '../testing';
import { importUsers, LOCKED_HASH_PREFIX } from './import-users';
import { jsonLinesSource, mongoSource } from './sources';

let target: ImportTarget;
let dir: string;
let hashes: { cost4: string; cost5: string };
let n = 0;

beforeAll(async () => {
  target = await startImportTarget();
  dir = mkdtempSync(join(tmpdir(), 'import-users-'));
  hashes = { cost4: await bcryptHash('password-four', 4), cost5: await bcryptHash('password-five', 5) };
});
afterAll(async () => {
  await target?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const header = () => ({ kind: 'users' as const, target: target.target.fingerprint, describe: target.target.describe });
function jsonl(lines: unknown[]): string {
  const path = join(dir, `users-${++n}.jsonl`);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
}
async function run(path: string, opts: Partial<RunOptions> & { checkpointPath?: string } = {}) {
  const checkpoint = openCheckpoint(opts.checkpointPath ?? `${path}.checkpoint`, header(), { readOnly: opts.dryRun });
  try {
    return await importUsers(target.users, jsonLinesSource(path), {
      concurrency: 4,
      dryRun: false,
      checkpoint,
      progress: createProgress({ mode: 'none', stream: process.stderr, label: 'users' }),
      ...opts,
    });
  } finally {
    checkpoint.close();
  }
}
const codes = (problems: Array<{ code: string }>) => problems.map((p) => p.code).sort();

describe('importUsers', () => {
  it('creates accounts as registration would, keeping role, name, date and state', async () => {
    await target.users.create({ email: 'taken@x.io', name: 'Here first', role: 'user', passwordHash: hashes.cost4 }, new Date());
    const path = jsonl([
      { email: ' Ada@X.io ', passwordHash: hashes.cost4, role: 'admin', name: 'Ada', createdAt: '2017-06-01T00:00:00Z' },
      { email: 'bob@x.io', passwordHash: hashes.cost5, disabled: true },
      { email: 'TAKEN@x.io', passwordHash: hashes.cost5, role: 'admin' },
      { email: 'ada@x.io', passwordHash: hashes.cost5 },
      { email: 'md5@x.io', passwordHash: '5f4dcc3b5aa765d61d8327deb882cf99' },
      '{"email": "broken"',
      { email: 'cat@x.io', passwordHash: hashes.cost4 },
    ]);

    const report = await run(path);

    expect(report).toMatchObject({ total: 7, imported: 3, admins: ['ada@x.io'], legacyHashes: 3 });
    expect(codes(report.skipped)).toEqual(['DUPLICATE_IN_INPUT', 'EMAIL_TAKEN']);
    expect(codes(report.failed)).toEqual(['INVALID_JSON', 'UNKNOWN_PASSWORD_HASH']);
    const ada = (await target.users.findByEmail('ada@x.io'))!;
    expect(ada).toMatchObject({ role: 'admin', name: 'Ada', disabled: false, tokenVersion: 0, passwordHash: hashes.cost4, createdAt: new Date('2017-06-01T00:00:00Z') });
    expect(await target.users.findByEmail('bob@x.io')).toMatchObject({ disabled: true, passwordHash: hashes.cost5, role: 'user' });
    expect(await target.users.findByEmail('taken@x.io')).toMatchObject({ name: 'Here first', role: 'user', passwordHash: hashes.cost4 });
    expect(await target.users.findByEmail('md5@x.io')).toBeNull();
    expect(await verifyPassword('password-four', ada.passwordHash)).toBe(true);

    const again = await run(path);

    expect(again).toMatchObject({ imported: 0, alreadyImported: 3, admins: [] });
    expect(codes(again.skipped)).toEqual(['DUPLICATE_IN_INPUT', 'EMAIL_TAKEN']);
  });

  it('finishes what a killed run left: an account created but not recorded, a disabled one still locked', async () => {
    // What a run killed after its writes, before its checkpoint line, leaves behind.
    await target.users.create({ email: 'created@x.io', name: null, role: 'user', passwordHash: hashes.cost4 }, new Date());
    await target.users.create({ email: 'locked@x.io', name: null, role: 'user', passwordHash: LOCKED_HASH_PREFIX + hashes.cost5 }, new Date());
    const path = jsonl([
      { email: 'created@x.io', passwordHash: hashes.cost4 },
      { email: 'locked@x.io', passwordHash: hashes.cost5, disabled: true },
    ]);

    const report = await run(path);

    expect(report).toMatchObject({ imported: 2, skipped: [], failed: [] });
    expect(await target.users.findByEmail('locked@x.io')).toMatchObject({ disabled: true, passwordHash: hashes.cost5 });
  });

  it('writes nothing in a dry run and tells what it would do', async () => {
    const path = jsonl([
      { email: 'dry1@x.io', passwordHash: hashes.cost4, role: 'admin' },
      { email: 'taken@x.io', passwordHash: hashes.cost5 },
      { email: 'dry2@x.io', passwordHash: 'plain' },
    ]);

    const report = await run(path, { dryRun: true });

    expect(report).toMatchObject({ dryRun: true, imported: 1, admins: ['dry1@x.io'], checkpoint: null });
    expect(codes(report.skipped)).toEqual(['EMAIL_TAKEN']);
    expect(codes(report.failed)).toEqual(['UNKNOWN_PASSWORD_HASH']);
    expect(await target.users.findByEmail('dry1@x.io')).toBeNull();
  });

  it('reads the old API\'s MongoDB collection', async () => {
    const client = await new MongoClient(target.standIns.env.MONGODB_URI!).connect();
    try {
      await client.db('legacy').collection('accounts').insertMany([
        { email: 'Mongo1@X.io', passwordHash: hashes.cost4, role: 'user', createdAt: new Date('2016-02-03T00:00:00Z'), __v: 0 },
        { email: 'mongo2@x.io', passwordHash: 'sha1$abc$def' },
      ]);
    } finally {
      await client.close();
    }
    const source = mongoSource(target.standIns.env.MONGODB_URI!, 'accounts', 'legacy');
    const checkpoint = openCheckpoint(join(dir, 'mongo.checkpoint'), header());
    try {
      const report = await importUsers(target.users, source, {
        concurrency: 2, dryRun: false, checkpoint, progress: createProgress({ mode: 'none', stream: process.stderr, label: 'users' }),
      });

      expect(report).toMatchObject({ total: 2, imported: 1 });
      expect(report.failed).toEqual([{ ref: expect.stringMatching(/^_id [0-9a-f]{24} \(mongo2@x\.io\)$/), code: 'UNKNOWN_PASSWORD_HASH', reason: expect.any(String) }]);
      expect(await target.users.findByEmail('mongo1@x.io')).toMatchObject({ createdAt: new Date('2016-02-03T00:00:00Z') });
    } finally {
      checkpoint.close();
      await source.close();
    }
  });
});
