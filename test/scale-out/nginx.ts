/**
 * A real Nginx, unprivileged, in a temporary prefix on 127.0.0.1, with the
 * project's template rendered for loopback upstreams and a self-signed
 * certificate.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderNginxConfig, type NginxOptions } from '../../packages/server/src/container/nginx-config';
import { until } from '../helpers/until';
import { findExecutable } from '../../packages/standins/src/find-executable';
import { selfSignedCertificate } from './self-signed';

/** Absolute path of `nginx` (PATH, then /usr/sbin), or null. */
export const findNginx = (): string | null => findExecutable('nginx');

/** Whether this Nginx was built with `stub_status` (`nginx -V`: `--with-http_stub_status_module`). */
export function hasStubStatus(bin: string): boolean {
  const { stdout, stderr } = spawnSync(bin, ['-V'], { encoding: 'utf8' });
  return `${stdout}${stderr}`.includes('--with-http_stub_status_module');
}

/** `nginx -v` → `1.22.1`. */
export function nginxVersion(bin: string): string {
  const { stdout, stderr } = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  return /nginx\/([\d.]+)/.exec(`${stdout}${stderr}`)?.[1] ?? '1.22.0';
}

/** A free TCP port on 127.0.0.1 (released before it is used: a small race, fine on loopback). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningNginx {
  httpUrl: string;
  httpsUrl: string;
  /** The internal status listener (`stub_status`), on its own loopback port. */
  statusUrl: string;
  /** The certificate, for the TLS client's `ca`. */
  ca: string;
  conf: string;
  /** `nginx -t` on the rendered file: exit status and output. */
  check(): { ok: boolean; output: string };
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

export async function startNginx(bin: string, opts: Pick<NginxOptions, 'upstreams'> & Partial<NginxOptions>): Promise<RunningNginx> {
  const prefix = await mkdtemp(join(tmpdir(), 'nginx-scale-'));
  // Workers of a root master run as nobody: they must reach the temp folders.
  await chmod(prefix, 0o755);
  await mkdir(join(prefix, 'temp'));
  const tls = selfSignedCertificate();
  await writeFile(join(prefix, 'tls.crt'), tls.cert);
  await writeFile(join(prefix, 'tls.key'), tls.key, { mode: 0o600 });
  const [http, https, status] = [await freePort(), await freePort(), await freePort()];
  const conf = join(prefix, 'nginx.conf');
  await writeFile(
    conf,
    renderNginxConfig({
      version: nginxVersion(bin),
      httpListen: `127.0.0.1:${http}`,
      httpsListen: `127.0.0.1:${https}`,
      httpsPort: https,
      statusListen: `127.0.0.1:${status}`,
      tls: { certificate: join(prefix, 'tls.crt'), key: join(prefix, 'tls.key') },
      workerProcesses: '2',
      pidFile: join(prefix, 'nginx.pid'),
      errorLog: join(prefix, 'error.log'),
      accessLog: 'off',
      acmeRoot: join(prefix, 'acme'),
      tempDir: join(prefix, 'temp'),
      exposeUpstream: true,
      ...opts,
    }),
  );
  const args = ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')];
  const check = () => {
    const { status, stdout, stderr } = spawnSync(bin, [...args, '-t'], { encoding: 'utf8' });
    return { ok: status === 0, output: `${stdout}${stderr}` };
  };
  const checked = check();
  if (!checked.ok) throw new Error(`nginx -t failed:\n${checked.output}`);
  const child: ChildProcess = spawn(bin, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  // SIGTERM, not SIGKILL: the master then stops its workers too.
  const reap = () => child.kill('SIGTERM');
  process.once('exit', reap);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', reap);
      resolve();
    }),
  );
  const httpUrl = `http://127.0.0.1:${http}`;
  await until('nginx to answer /health', async () => (await fetch(`${httpUrl}/health`)).ok, { timeoutMs: 10_000 }).catch((error: Error) => {
    throw new Error(`nginx did not start (${error.message}):\n${stderr}`, { cause: error });
  });
  return {
    httpUrl,
    httpsUrl: `https://127.0.0.1:${https}`,
    statusUrl: `http://127.0.0.1:${status}`,
    ca: tls.cert,
    conf,
    check,
    errorLog: () => readFile(join(prefix, 'error.log'), 'utf8').catch(() => ''),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
