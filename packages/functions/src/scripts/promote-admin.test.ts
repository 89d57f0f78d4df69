import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoUserRepository } from '@nocturnal/core/users/users.mongo';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./promote-admin.ts', import.meta.url));
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness('nocturnal');
});
afterAll(() => harness?.close());

const promote = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { PATH: process.env.PATH, MONGODB_URI: harness.mongo.uri, MONGODB_DB: 'nocturnal' },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('promote-admin', () => {
  it('sets the role of the user with that email, and back', async () => {
    const users = mongoUserRepository(harness.db);
    const user = await users.create({ email: 'boss@x.io', name: null, role: 'user', passwordHash: 'x' }, new Date());

    expect((await promote(' Boss@X.io ')).code).toBe(0);
    expect((await users.findById(user.id))?.role).toBe('admin');
    expect((await promote('boss@x.io', '--role', 'user')).code).toBe(0);
    expect((await users.findById(user.id))?.role).toBe('user');
  });

  it('fails for an unknown email or a bad role', async () => {
    expect((await promote('nobody@x.io')).code).toBe(1);
    expect((await promote('boss@x.io', '--role', 'root')).code).toBe(2);
  });
});
