import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { killOnExit, terminate } from './child-process-exit';
import { RedisServerMissingError, RedisServerStartError } from './errors';
import { findRedisServer } from './find-redis-server';
import { getFreePort } from './free-port';
import { pingRedis } from './ping-redis';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** With a folder: AOF persistence there (`appendonly yes`). Without: nothing is written. */
  dataDir?: string;
  /** How long to wait for PING to answer (an AOF replay can take a while). Default 10 s. */
  startTimeoutMs?: number;
  /** Path of the binary; default {@link findRedisServer}. */
  binary?: string;
}

/** A running `redis-server` child process. */
export interface RunningRedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** SIGTERM (AOF is flushed), SIGKILL after 5 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

const PORT_ATTEMPTS = 5;

/**
 * Spawns `redis-server` on 127.0.0.1 and resolves once it answers PING.
 *
 * @throws {@link RedisServerMissingError} when no binary is installed.
 * @throws {@link RedisServerStartError} when it exits or stays silent.
 * @example
 * ```ts
 * const redis = await startRedisServer({ dataDir: '.data/redis' });
 * console.log(redis.url); // redis://127.0.0.1:40123
 * await redis.stop();
 * ```
 */
export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RunningRedisServer> {
  const binary = opts.binary ?? findRedisServer();
  if (!binary) throw new RedisServerMissingError();
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < (opts.port ? 1 : PORT_ATTEMPTS); attempt++) {
    const port = opts.port ?? (await getFreePort());
    try {
      return await spawnRedis(binary, port, opts);
    } catch (error) {
      lastError = error;
      // Someone took the "free" port between our probe and redis' bind: pick another.
      if (!(error instanceof RedisServerStartError && /already in use/i.test(error.message))) throw error;
    }
  }
  throw lastError;
}

function redisArgs(port: number, dataDir: string | undefined): string[] {
  const base = ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no'];
  base.push('--save', '', '--loglevel', 'warning', '--protected-mode', 'yes');
  // Without persistence, still point --dir away from the caller's cwd (the repo).
  const storage = dataDir ? ['--dir', dataDir, '--appendonly', 'yes'] : ['--dir', tmpdir(), '--appendonly', 'no'];
  return [...base, ...storage];
}

async function spawnRedis(binary: string, port: number, opts: RedisServerOptions): Promise<RunningRedisServer> {
  const child = spawn(binary, redisArgs(port, opts.dataDir), { stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = killOnExit(child);
  let output = '';
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const deadline = Date.now() + (opts.startTimeoutMs ?? 10_000);
  while (!(await pingRedis(port))) {
    const exited = child.exitCode !== null || child.signalCode !== null || spawnError;
    if (exited || Date.now() > deadline) {
      untrack();
      await terminate(child);
      const why = spawnError?.message ?? (exited ? 'exited' : 'did not answer PING in time');
      throw new RedisServerStartError(`redis-server on port ${port} ${why}: ${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      stopping ??= terminate(child).finally(untrack);
      return stopping;
    },
  };
}
