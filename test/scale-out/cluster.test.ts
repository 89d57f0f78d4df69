/**
 * The bundle as the image runs it, without Nginx: production configuration
 * only (a missing setting stops the start, named), `WEB_CONCURRENCY` workers,
 * a dead worker replaced, SIGTERM → exit 0. No dependency is reached: the
 * routes used here need none.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../../packages/server/src/container/build';
import { generateJwks } from '../../packages/server/src/local/dev-keys';
import { createClient, pool } from '../helpers/http';
import { until } from '../helpers/until';
import { runToExit, spawnInstance } from './instances';

let out: string;
let bundle: string;
let env: Record<string, string>;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'nocturnal-bundle-'));
  bundle = (await buildBundles({ outdir: out })).server;
  env = {
    STAGE: 'test',
    MONGODB_URI: 'mongodb://127.0.0.1:9/?directConnection=true',
    BUCKET_NAME: 'never-reached',
    JWT_PRIVATE_JWKS: await generateJwks(),
    SHUTDOWN_GRACE_SECONDS: '5',
  };
}, 60_000);
afterAll(() => rm(out, { recursive: true, force: true }));

/** Worker pids of a cluster primary (Linux /proc). */
const workersOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
const WAIT = { timeoutMs: 15_000, intervalMs: 25 };

describe('start-up', () => {
  it('refuses to start without production settings, naming each (no stand-in is started)', async () => {
    const { code, output } = await runToExit(bundle, { STAGE: 'test' });

    expect(code).toBe(1);
    for (const name of ['MONGODB_URI', 'BUCKET_NAME', 'JWT_PRIVATE_JWKS']) expect(output).toContain(`${name}: is required but not set`);
  });

  it('refuses a TRUSTED_PROXIES entry that is neither an address nor a CIDR', async () => {
    const { code, output } = await runToExit(bundle, { ...env, TRUSTED_PROXIES: '10.0.0.0/8,gateway.local' });

    expect(code).toBe(1);
    expect(output).toContain('TRUSTED_PROXIES: not an IP address or CIDR: gateway.local');
  });

  it('a worker that cannot start stops the cluster instead of crash-looping', async () => {
    const { code, output } = await runToExit(bundle, { ...env, WEB_CONCURRENCY: '2', JWT_PRIVATE_JWKS: '{"keys":"nope"}' });

    expect(code).toBe(1);
    expect(output).toContain('worker failed during start-up');
  });
});

describe.skipIf(process.platform !== 'linux')('cluster', () => {
  it('WEB_CONCURRENCY workers serve; a killed worker is replaced; SIGTERM drains and exits 0', async () => {
    const app = await spawnInstance(bundle, { ...env, WEB_CONCURRENCY: '2', LOG_LEVEL: 'info' });
    const client = createClient(app.url, { maxSockets: 4 });
    const before = workersOf(app.pid);

    process.kill(before[0]!, 'SIGKILL');
    const replaced = await until('a new second worker', () => workersOf(app.pid).length === 2 && !workersOf(app.pid).includes(before[0]!), WAIT);
    await until('"worker replaced" in the log', () => app.output().includes('worker replaced'), WAIT);
    const replies = await pool(40, 4, () => client.request('GET', '/.well-known/jwks.json'));
    client.close();
    const exit = await app.stop('SIGTERM');

    expect(app.output()).toContain('listening on http://127.0.0.1:');
    expect(app.output()).toContain('(2 workers,');
    expect(before).toHaveLength(2);
    expect(replaced).toBe(true);
    expect(app.output()).toContain('worker died: replacing it');
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(exit).toEqual({ code: 0, signal: null });
  }, 120_000);
});
