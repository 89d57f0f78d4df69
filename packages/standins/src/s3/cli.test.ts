import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { until } from '../testing';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function spawnCli(): { child: ChildProcessWithoutNullStreams; endpoint: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], {
    cwd: here,
    env: { ...process.env, S3_CORS_ORIGINS: 'http://a.test, http://b.test' },
  });
  let output = '';
  const endpoint = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`cli exited early (${code}): ${output}`)));
  });
  return { child, endpoint };
}

/** Waits until nothing answers at `url` any more; true then, and throws when it still answers after `withinMs`. */
async function refuses(url: string, withinMs: number): Promise<boolean> {
  const answer = () => fetch(url).then((res) => `HTTP ${res.status}`, (e: Error) => e);
  await until(`${url} to refuse connections`, answer, { timeoutMs: withinMs, intervalMs: 100, ok: (a) => a instanceof Error });
  return true;
}

describe('s3 cli', () => {
  it('prints its endpoint, serves CORS for the env origins, and exits 0 on SIGTERM', async () => {
    // Prepare
    const { child, endpoint } = spawnCli();
    const url = await endpoint;
    // Act
    const preflight = await fetch(`${url}/nocturnal-uploads/x`, {
      method: 'OPTIONS',
      headers: { origin: 'http://b.test', 'access-control-request-method': 'PUT' },
    });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    // Assess
    expect(preflight.status).toBe(200);
    expect(code).toBe(0);
    expect(await refuses(url, 3_000)).toBe(true);
  });

  it('takes the s3rver child down when the parent is killed with SIGKILL', async () => {
    // Prepare
    const { child, endpoint } = spawnCli();
    const url = await endpoint;
    // Act
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    // Assess
    expect(await refuses(url, 5_000)).toBe(true);
  });
});
