import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@nocturnal/core/auth/passwords';
import { openCheckpoint } from './checkpoint';
import { formatStatus, readStatus } from './status';
import { bcryptHash, startImportTarget, type ImportTarget } from './testing';

let target: ImportTarget;
let dir: string;

beforeAll(async () => {
  target = await startImportTarget();
  dir = mkdtempSync(join(tmpdir(), 'status-'));
});
afterAll(async () => {
  await target?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('readStatus', () => {
  it('counts accounts by password scheme, role and state, over several pages', async () => {
    const now = new Date();
    const bcrypt = await bcryptHash('password1', 4);
    const [current, older] = [await hashPassword('password1', 10), await hashPassword('password1', 11)];
    for (let i = 0; i < 503; i++) await target.users.create({ email: `b${i}@x.io`, name: null, role: 'user', passwordHash: bcrypt }, now);
    await target.users.create({ email: 'admin@x.io', name: null, role: 'admin', passwordHash: current }, now);
    const off = await target.users.create({ email: 'off@x.io', name: null, role: 'user', passwordHash: older }, now);
    await target.users.update(off.id, { disabled: true }, now);
    const checkpoint = join(dir, 'files.checkpoint.jsonl');
    const cp = openCheckpoint(checkpoint, { kind: 'files', target: 't', describe: 'd' });
    cp.done('a', 'imported');
    cp.done('b', 'failed', { code: 'FILE_TOO_LARGE' });
    cp.intent('c', { fileId: 'f' });
    cp.close();

    const status = await readStatus(target.users, 10, [checkpoint]);

    expect(status).toEqual({
      users: 505,
      admins: 1,
      disabled: 1,
      hashes: { scrypt: 1, scryptOutdated: 1, bcrypt: 503, unknown: 0 },
      checkpoints: [{ path: checkpoint, kind: 'files', imported: 1, skipped: 0, failed: 1, inFlight: 1 }],
    });
    expect(formatStatus(status).split('\n').slice(0, 2)).toEqual(['users 505 (admins 1, disabled 1)', "  still on bcrypt           503 (each is replaced by scrypt at the user's next login)"]);
  });
});
