/**
 * `npm run import -- files` as a user runs it (the bin, in its own process,
 * configured by environment variables) against the stand-ins the API runs
 * on, then every imported file downloaded through the API, byte for byte.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerEnv, runImporter, sampleBytes, writeFolder } from '../../packages/importer/src/testing';
import { startTestApi, type TestApi } from '../helpers/api';
import { NO_RATE_LIMITS, registerUser } from '../helpers/auth';

const LIMITS = { FILES_MAX_BYTES: '65536', FILES_QUOTA_BYTES: '1000000' };
let api: TestApi;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startTestApi({ ...NO_RATE_LIMITS, ...LIMITS });
  dir = mkdtempSync(join(tmpdir(), 'import-files-'));
  env = importerEnv(api.env, LIMITS);
}, 120_000);
afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Imported {
  file: { id: string; filename: string; contentType: string; size: number; status: string; createdAt: string };
  bytes: Uint8Array;
  disposition: string | null;
}

/** Every file of the token's owner, each downloaded through the URL the API signs for it. */
async function downloadAll(token: string): Promise<Map<string, Imported>> {
  const list = await api.request('GET', '/api/v1/files?limit=100', { token });
  expect(list.status).toBe(200);
  const out = new Map<string, Imported>();
  for (const file of list.body.items) {
    const got = await api.request('GET', `/api/v1/files/${file.id}`, { token });
    expect(got.status).toBe(200);
    const download = await fetch(got.body.download.url);
    expect(download.status).toBe(200);
    expect(out.has(file.filename)).toBe(false);
    out.set(file.filename, { file, bytes: new Uint8Array(await download.arrayBuffer()), disposition: download.headers.get('content-disposition') });
  }
  return out;
}

describe('npm run import -- files', () => {
  it('imports a folder of mixed types, refuses the one too large and the one not allowed, and the API serves each byte for byte', async () => {
    const ada = await registerUser(api);
    const bob = await registerUser(api);
    const sources: Record<string, Buffer> = {
      [`${ada.user.email}/photo.png`]: sampleBytes.png(20_000),
      [`${ada.user.email}/2019/scan`]: sampleBytes.jpeg(30_000),
      [`${ada.user.email}/anim.gif`]: sampleBytes.gif(5_000),
      [`${ada.user.email}/invoice.pdf`]: sampleBytes.pdf(12_345),
      [`${ada.user.email}/huge.txt`]: sampleBytes.text(70_000),
      [`${bob.user.email.toUpperCase()}/notes.txt`]: sampleBytes.text(777, 'grüße aus dem alten server\n'),
      [`${bob.user.email}/sizes.csv`]: sampleBytes.csv(200),
      [`${bob.user.email}/backup.zip`]: sampleBytes.zip(),
    };
    const folder = writeFolder(join(dir, 'uploads'), sources);
    const args = ['files', folder, '--checkpoint', join(dir, 'files.checkpoint.jsonl'), '--report', join(dir, 'report.json'), '--concurrency', '3'];

    const first = await runImporter(args, env);

    expect(first.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ kind: 'files', total: 8, imported: 6, alreadyImported: 0, skipped: [] });
    expect(report.failed.map((f: { ref: string; code: string }) => [f.ref, f.code]).sort()).toEqual([
      [`${ada.user.email}/huge.txt`, 'FILE_TOO_LARGE'],
      [`${bob.user.email}/backup.zip`, 'FILE_TYPE_NOT_ALLOWED'],
    ]);
    expect(first.stdout).toMatch(/^  imported     6 \(/m);
    expect(first.stderr).toMatch(/^files: 8\/8 \(100%\), [\d.]+ KiB of 137.3 KiB/m);

    const adas = await downloadAll(ada.accessToken);
    const bobs = await downloadAll(bob.accessToken);

    const expected = {
      'photo.png': [adas, 'image/png', `${ada.user.email}/photo.png`],
      scan: [adas, 'image/jpeg', `${ada.user.email}/2019/scan`],
      'anim.gif': [adas, 'image/gif', `${ada.user.email}/anim.gif`],
      'invoice.pdf': [adas, 'application/pdf', `${ada.user.email}/invoice.pdf`],
      'notes.txt': [bobs, 'text/plain', `${bob.user.email.toUpperCase()}/notes.txt`],
      'sizes.csv': [bobs, 'text/csv', `${bob.user.email}/sizes.csv`],
    } as const;
    expect([...adas.keys(), ...bobs.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [owned, type, source]] of Object.entries(expected)) {
      const got = owned.get(name)!;
      expect(got.file, name).toMatchObject({ contentType: type, status: 'ready', size: sources[source]!.length });
      expect(Buffer.from(got.bytes).equals(sources[source]!), name).toBe(true);
      expect(got.disposition).toContain(`filename="${name}"`);
    }

    const again = await runImporter(args, env);

    expect(again.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toMatchObject({ imported: 0, alreadyImported: 6, failed: [{}, {}] });
    expect((await downloadAll(ada.accessToken)).size + (await downloadAll(bob.accessToken)).size).toBe(6);
  });

  it('takes names, types and dates from a manifest, and checks a declared type against the allow-list', async () => {
    const cid = await registerUser(api);
    const folder = writeFolder(join(dir, 'by-id'), {
      'a1/0001': sampleBytes.text(100),
      'a1/0002': sampleBytes.text(200),
      'a1/0003': sampleBytes.png(300),
    });
    const manifest = join(dir, 'manifest.jsonl');
    writeFileSync(
      manifest,
      [
        { path: 'a1/0001', ownerEmail: cid.user.email, filename: 'Résumé 2019.txt', contentType: 'text/plain; charset=utf-8', createdAt: '2019-04-05T06:07:08.000Z' },
        { path: 'a1/0002', ownerEmail: cid.user.email, filename: 'script.sh', contentType: 'application/x-sh' },
        { path: 'a1/0003', ownerEmail: 'nobody@example.com' },
      ].map((l) => JSON.stringify(l)).join('\n'),
    );

    const run = await runImporter(['files', folder, '--manifest', manifest, '--checkpoint', join(dir, 'manifest.checkpoint.jsonl')], env);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('a1/0002: FILE_TYPE_NOT_ALLOWED');
    expect(run.stdout).toContain('a1/0003: OWNER_NOT_FOUND');
    const files = await downloadAll(cid.accessToken);
    expect([...files.keys()]).toEqual(['Résumé 2019.txt']);
    expect(files.get('Résumé 2019.txt')!.file).toMatchObject({ contentType: 'text/plain; charset=utf-8', createdAt: '2019-04-05T06:07:08.000Z' });
    expect(Buffer.from(files.get('Résumé 2019.txt')!.bytes).equals(sampleBytes.text(100))).toBe(true);
  });

  it('writes nothing in a dry run', async () => {
    const dee = await registerUser(api);
    const folder = writeFolder(join(dir, 'dry'), { [`${dee.user.email}/a.png`]: sampleBytes.png() });

    const run = await runImporter(['files', folder, '--dry-run', '--checkpoint', join(dir, 'dry.checkpoint.jsonl')], env);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  would import 1 (');
    expect((await api.request('GET', '/api/v1/files', { token: dee.accessToken })).body.items).toEqual([]);
    expect(existsSync(join(dir, 'dry.checkpoint.jsonl'))).toBe(false);
  });
});
