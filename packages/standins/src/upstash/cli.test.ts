import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer } from './find-redis-server';
import { startRedisServer, type RunningRedisServer } from './start-redis-server';

const redisBin = findRedisServer();
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

describe.skipIf(!redisBin && !process.env.CI)('upstash cli', () => {
  let server: RunningRedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());

  it('prints its URL, serves, and exits 0 on SIGTERM (token from the environment)', async () => {
    // Prepare
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--redis-url', server.url], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      env: { ...process.env, UPSTASH_PROXY_TOKEN: 'cli-token' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`cli exited early (${code}): ${output}`)));
    });
    // Act
    const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer cli-token' }, body: '["PING"]' });
    const body = await res.json();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    // Assess
    expect(body).toEqual({ result: 'PONG' });
    expect(output).not.toContain('cli-token');
    expect(code).toBe(0);
  });
});
