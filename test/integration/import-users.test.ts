/**
 * `npm run import -- users` as a user runs it, then the imported accounts
 * logging in over HTTP: bcrypt hashes made by the library at two costs
 * verify and become scrypt at the first login, a wrong password gets the
 * identical 401, roles and disabled accounts follow the API's rules.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../packages/core/src/auth/passwords';
import { mongoUserRepository } from '../../packages/core/src/users/users.mongo';
import { bcryptHash, importerEnv, runImporter } from '../../packages/importer/src/testing';
import { startTestApi, type TestApi } from '../helpers/api';
import { comparable, NO_RATE_LIMITS, registerUser } from '../helpers/auth';
import { pool } from '../helpers/http';

let api: TestApi;
let dir: string;
let client: MongoClient;
let users: ReturnType<typeof mongoUserRepository>;

interface Legacy {
  email: string;
  password: string;
  passwordHash: string;
  role?: 'admin';
  disabled?: boolean;
}
const legacy: Legacy[] = [];

beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
  dir = mkdtempSync(join(tmpdir(), 'import-users-'));
  client = await new MongoClient(api.env.MONGODB_URI!).connect();
  users = mongoUserRepository(client.db('nocturnal'));
  // 200 accounts of the old API: 90 bcrypt at cost 4, 90 at cost 6 (as bcryptjs made them), 20 on our own scrypt.
  for (let i = 0; i < 200; i++) {
    const password = `old-password-${i}`;
    const passwordHash = i < 180 ? await bcryptHash(password, i < 90 ? 4 : 6) : await hashPassword(password, 10);
    legacy.push({
      email: `Legacy.User${i}@Example.com`,
      password,
      passwordHash,
      ...(i === 7 || i === 150 ? { role: 'admin' as const } : {}),
      ...(i % 50 === 3 ? { disabled: true } : {}),
    });
  }
}, 120_000);
afterAll(async () => {
  await client?.close();
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const login = (email: string, password: string) => api.request('POST', '/api/v1/auth/login', { body: { email, password } });
const stored = async (email: string) => (await users.findByEmail(email.toLowerCase()))!.passwordHash;

describe('npm run import -- users', () => {
  it('imports 200 accounts that then log in over HTTP, upgraded from bcrypt to scrypt at their first login', async () => {
    const taken = await registerUser(api, 'already.here@example.com');
    const input = join(dir, 'users.jsonl');
    const lines = [
      ...legacy.map(({ password: _p, ...line }, i) => ({ ...line, name: `User ${i}`, createdAt: '2018-09-10T11:12:13.000Z' })),
      { email: 'already.here@example.com', passwordHash: legacy[0]!.passwordHash, role: 'admin' },
      { email: 'md5.user@example.com', passwordHash: '5f4dcc3b5aa765d61d8327deb882cf99' },
      { email: 'not-an-email', passwordHash: legacy[1]!.passwordHash },
    ];
    writeFileSync(input, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    // As the test API hashes (its PASSWORD_SCRYPT_LOG_N), so status knows today's parameters.
    const env = importerEnv(api.env, { PASSWORD_SCRYPT_LOG_N: '12' });

    const run = await runImporter(['users', input, '--checkpoint', join(dir, 'users.checkpoint.jsonl'), '--report', join(dir, 'report.json')], env);

    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ total: 203, imported: 200, legacyHashes: 180 });
    expect(report.admins.sort()).toEqual(['legacy.user150@example.com', 'legacy.user7@example.com']);
    expect(report.skipped.map((p: { code: string }) => p.code)).toEqual(['EMAIL_TAKEN']);
    expect(report.failed.map((p: { code: string }) => p.code).sort()).toEqual(['INVALID_EMAIL', 'UNKNOWN_PASSWORD_HASH']);
    expect(run.stdout).toMatch(/^  admins       2: legacy.user/m);
    expect(await stored('already.here@example.com')).not.toBe(legacy[0]!.passwordHash);
    expect((await login('already.here@example.com', 'correct-horse-battery')).body.user.role).toBe(taken.user.role);
    const status = await runImporter(['status', '--json'], env);
    expect(JSON.parse(status.stdout).hashes).toMatchObject({ bcrypt: 180, unknown: 0 });

    // A wrong password: the same 401 for a bcrypt account, a scrypt account and an unknown email.
    const [bcryptWrong, scryptWrong, unknown] = [
      await login(legacy[100]!.email, 'not the password'),
      await login(legacy[190]!.email, 'not the password'),
      await login('nobody.at.all@example.com', 'not the password'),
    ];
    expect(bcryptWrong.status).toBe(401);
    expect(comparable(bcryptWrong)).toEqual(comparable(unknown));
    expect(comparable(scryptWrong)).toEqual(comparable(unknown));
    expect(await stored(legacy[100]!.email)).toBe(legacy[100]!.passwordHash);

    const answers = await pool(legacy.length, 8, (i) => login(legacy[i]!.email, legacy[i]!.password));

    for (const [i, res] of answers.entries()) {
      const user = legacy[i]!;
      if (user.disabled) {
        expect(res.status, user.email).toBe(403);
        expect(res.body.code).toBe('ACCOUNT_DISABLED');
        continue;
      }
      expect(res.status, user.email).toBe(200);
      expect(res.body.user).toMatchObject({ email: user.email.toLowerCase(), role: user.role ?? 'user', name: `User ${i}`, createdAt: '2018-09-10T11:12:13.000Z' });
      expect(await stored(user.email)).toMatch(/^\$scrypt\$ln=12,r=8,p=1\$/);
    }
    const enabled = legacy.filter((u) => !u.disabled);
    expect(enabled).toHaveLength(196);
    const second = await login(legacy[0]!.email, legacy[0]!.password);
    expect(second.status).toBe(200);
    expect((await login(legacy[0]!.email, 'not the password')).status).toBe(401);
    const admin = answers[7]!.body.accessToken;
    expect((await api.request('GET', '/api/v1/admin/users', { token: admin })).status).toBe(200);
    expect((await api.request('GET', '/api/v1/admin/users', { token: answers[8]!.body.accessToken })).status).toBe(403);

    // Only the disabled bcrypt accounts are left on bcrypt: they never logged in.
    const after = JSON.parse((await runImporter(['status', '--json'], env)).stdout);
    expect(after.hashes).toMatchObject({ bcrypt: legacy.filter((u, i) => u.disabled && i < 180).length, scryptOutdated: 0 });
  });
});
