import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corsConfigXml } from './cors-config';
import { S3StartError } from './errors';

/** Options of {@link startS3}. */
export interface S3Options {
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Objects persist there across restarts; default a temp folder removed on stop(). */
  dataDir?: string;
  /** Created at start if missing. Default `nocturnal-uploads`. */
  bucket?: string;
  /** Origins allowed to GET/PUT/HEAD from a browser. Default `['*']`. */
  corsOrigins?: string[];
  /** Default 15 s. */
  startTimeoutMs?: number;
}

/** A running S3 stand-in. */
export interface RunningS3 {
  /** `http://host:port`, for an S3 client with `forcePathStyle: true`. */
  endpoint: string;
  bucket: string;
  port: number;
  /** Where the objects live. */
  directory: string;
  /** Stops the child process (SIGKILL after 5 s) and removes a temp directory. */
  stop(): Promise<void>;
}

type ChildMessage = { type: 'ready'; port: number } | { type: 'error'; message: string };

const CHILD = fileURLToPath(new URL('./s3rver-child.mjs', import.meta.url));

/**
 * Starts s3rver in a child process (it needs `--openssl-legacy-provider` for paged
 * listings, which this process may not have), with the bucket and its CORS rules set up.
 * The child exits by itself when this process dies (its IPC channel closes).
 *
 * @example
 * ```ts
 * const s3 = await startS3({ corsOrigins: ['http://localhost:5173'] });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, ... });
 * await s3.stop();
 * ```
 */
export async function startS3(opts: S3Options = {}): Promise<RunningS3> {
  const host = opts.host ?? '127.0.0.1';
  const bucket = opts.bucket ?? 'nocturnal-uploads';
  const directory = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 's3rver-')));
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const removeTemp = () => (opts.dataDir ? Promise.resolve() : rm(directory, { recursive: true, force: true }));
  const config = { host, port: opts.port ?? 0, directory, bucket, corsXml: corsConfigXml(opts.corsOrigins ?? ['*']) };
  const child = spawn(process.execPath, ['--openssl-legacy-provider', CHILD, JSON.stringify(config)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new S3StartError('s3rver did not start in time')), opts.startTimeoutMs ?? 15_000);
      child.on('message', (message: ChildMessage) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve(message.port);
        else reject(new S3StartError(`s3rver failed to start: ${message.message}`));
      });
      child.once('error', (error) => reject(new S3StartError(error.message)));
      child.once('exit', (code) => reject(new S3StartError(`s3rver exited (${code}): ${stderr.trim()}`)));
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await removeTemp();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    }
    await removeTemp();
  };
  return {
    endpoint: `http://${reachableHost(host)}:${port}`,
    bucket,
    port,
    directory,
    stop: () => (stopping ??= stop()),
  };
}

function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
