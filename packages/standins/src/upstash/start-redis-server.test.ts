import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisServerStartError } from './errors';
import { findRedisServer } from './find-redis-server';
import { pingRedis } from './ping-redis';
import { startRedisServer } from './start-redis-server';
import { startUpstash } from './start-upstash';

const redisBin = findRedisServer();

describe.skipIf(!redisBin && !process.env.CI)('startRedisServer / startUpstash', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('starts on a free port, answers PING, and is gone after stop()', async () => {
    // Act
    const server = await startRedisServer();
    const alive = await pingRedis(server.port);
    await server.stop();
    await server.stop(); // idempotent
    // Assess
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(alive).toBe(true);
    expect(await pingRedis(server.port)).toBe(false);
  });

  it('fails with a typed error when the binary cannot run', async () => {
    // Act
    const error = await startRedisServer({ binary: '/nonexistent/redis-server' }).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(RedisServerStartError);
    expect((error as RedisServerStartError).code).toBe('REDIS_SERVER_START_FAILED');
  });

  it('keeps data across restarts with a dataDir (startUpstash end to end)', async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'upstash-data-'));
    dirs.push(dataDir);
    const first = await startUpstash({ dataDir, token: 't' });
    await new Redis({ url: first.url, token: 't' }).set('kept', 'yes');
    await first.stop();
    // Act
    const second = await startUpstash({ dataDir, token: 't' });
    const value = await new Redis({ url: second.url, token: 't' }).get('kept');
    await second.stop();
    // Assess
    expect(value).toBe('yes');
  });
});
