/**
 * The importer killed with a real SIGKILL partway through a files import,
 * then run again: in the end every file is there exactly once, with its
 * bytes, and the bucket holds no object without its record.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerEnv, runImporter, sampleBytes, spawnImporter, writeFolder } from '../../packages/importer/src/testing';
import { startTestApi, type TestApi } from '../helpers/api';
import { NO_RATE_LIMITS, registerUser } from '../helpers/auth';
import { bucketOf } from '../helpers/files';
import { pool } from '../helpers/http';
import { until } from '../helpers/until';

const FILES = 240;
let api: TestApi;
let dir: string;

beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
  dir = mkdtempSync(join(tmpdir(), 'import-resume-'));
}, 120_000);
afterAll(async () => {
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What the checkpoint says so far: items finished, and attempts begun but not finished. */
function progressOf(path: string): { done: number; inFlight: number } {
  if (!existsSync(path)) return { done: 0, inFlight: 0 };
  const last = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    try {
      const entry = JSON.parse(line);
      last.set(entry.ref, entry.t);
    } catch {
      // the line being written
    }
  }
  const states = [...last.values()];
  return { done: states.filter((t) => t === 'done').length, inFlight: states.filter((t) => t === 'intent').length };
}

describe('a files import killed with SIGKILL', () => {
  it('resumes: every file exactly once, byte for byte, and no orphan object', async () => {
    const owners = [await registerUser(api), await registerUser(api)];
    const sources = new Map<string, Buffer>();
    for (let i = 0; i < FILES; i++) {
      const owner = owners[i % 2]!;
      sources.set(`${owner.user.email}/file-${i}.txt`, sampleBytes.text(20_000 + i * 97, `file ${i} of the old server\n`));
    }
    const folder = writeFolder(join(dir, 'uploads'), Object.fromEntries(sources));
    const checkpoint = join(dir, 'files.checkpoint.jsonl');
    const args = ['files', folder, '--checkpoint', checkpoint, '--concurrency', '4', '--report', join(dir, 'report.json')];
    const env = importerEnv(api.env);

    const first = spawnImporter(args, env);
    // Killed with attempts in flight, well before the end.
    const atKill = await until('the importer partway, with attempts in flight', () => progressOf(checkpoint), {
      ok: (p) => p.done >= 30 && p.inFlight > 0,
      intervalMs: 2,
      timeoutMs: 60_000,
    });
    first.child.kill('SIGKILL');
    const killed = await first.exit;
    const left = progressOf(checkpoint);

    expect(killed.signal).toBe('SIGKILL');
    expect(atKill.done).toBeLessThan(FILES / 2);
    expect(left.done).toBeLessThan(FILES);
    expect(existsSync(`${checkpoint}.lock`)).toBe(true);

    const second = await runImporter(args, env);

    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ total: FILES, alreadyImported: left.done, imported: FILES - left.done, failed: [], skipped: [] });

    const bucket = bucketOf(api);
    try {
      for (const owner of owners) {
        const list = await api.request('GET', '/api/v1/files?limit=100', { token: owner.accessToken });
        let items = list.body.items;
        for (let cursor = list.body.nextCursor; cursor; ) {
          const page = await api.request('GET', `/api/v1/files?limit=100&cursor=${encodeURIComponent(cursor)}`, { token: owner.accessToken });
          items = [...items, ...page.body.items];
          cursor = page.body.nextCursor;
        }
        const names = items.map((f: { filename: string }) => f.filename).sort();
        const expected = [...sources.keys()].filter((k) => k.startsWith(`${owner.user.email}/`)).map((k) => k.split('/')[1]!).sort();
        expect(names).toEqual(expected);
        expect(new Set(items.map((f: { status: string }) => f.status))).toEqual(new Set(['ready']));

        const objects = await bucket.s3.send(new ListObjectsV2Command({ Bucket: bucket.bucket, Prefix: `users/${owner.user.id}/` }));
        const keys = (objects.Contents ?? []).map((o) => o.Key!.split('/')[2]).sort();
        expect(keys).toEqual(items.map((f: { id: string }) => f.id).sort());

        await pool(items.length, 8, async (i) => {
          const file = items[i];
          const got = await api.request('GET', `/api/v1/files/${file.id}`, { token: owner.accessToken });
          const bytes = Buffer.from(await (await fetch(got.body.download.url)).arrayBuffer());
          expect(bytes.equals(sources.get(`${owner.user.email}/${file.filename}`)!), file.filename).toBe(true);
        });
      }
    } finally {
      bucket.s3.destroy();
    }
    expect(existsSync(`${checkpoint}.lock`)).toBe(false);
  });
});
