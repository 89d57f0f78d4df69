/**
 * Test support for the importer's tests and the project's import suites
 * (never imported by the importer itself): bcrypt hashes made by the library,
 * files whose bytes `file-type` recognises, and the real CLI in a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { hash } from 'bcryptjs';
import { parseConfig } from '@nocturnal/core/config';
import { startStandIns, type StandIns } from '@nocturnal/server/local/standins';
import { createImportContext, type ImportContext } from './context';

/** The bin, as a user runs it. */
export const IMPORTER_BIN = fileURLToPath(new URL('../bin/nocturnal-import.mjs', import.meta.url));

/** A bcrypt hash made by `bcryptjs`, as the single-server API stored them. */
export const bcryptHash = (password: string, cost: number): Promise<string> => hash(password, cost);

export interface ImportTarget extends ImportContext {
  files: NonNullable<ImportContext['files']>;
  standIns: StandIns;
  stop(): Promise<void>;
}

/** The stand-ins (MongoDB, S3) and the importer's context on them, configured by `settings` over the stand-ins'. */
export async function startImportTarget(settings: Record<string, string> = {}): Promise<ImportTarget> {
  const standIns = await startStandIns({ configured: {} });
  const config = parseConfig({ LOG_LEVEL: 'silent', ...standIns.env, ...settings });
  const ctx = await createImportContext(config, 'files');
  return {
    ...ctx,
    files: ctx.files!,
    standIns,
    stop: async () => {
      await ctx.close();
      await standIns.stop();
    },
  };
}

/** The settings of a test API (`startTestApi().env`) that the importer reads, plus `extra`. */
export function importerEnv(apiEnv: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const names = ['MONGODB_URI', 'MONGODB_DB', 'BUCKET_NAME', 'S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];
  return { ...Object.fromEntries(names.filter((n) => apiEnv[n] !== undefined).map((n) => [n, apiEnv[n]!])), ...extra };
}

export interface ImporterRun {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** The exit code, or the signal that ended it. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI on the Node that runs the tests (`process.execPath`, never a bare `node`) with only `env` (and PATH). */
export function spawnImporter(args: readonly string[], env: Record<string, string>, cwd?: string): ImporterRun {
  const child = spawn(process.execPath, [IMPORTER_BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => ({ stdout, stderr }), exit };
}

/** Runs the CLI to its end. */
export async function runImporter(args: readonly string[], env: Record<string, string>, cwd?: string) {
  const run = spawnImporter(args, env, cwd);
  const { code } = await run.exit;
  return { code, ...run.output() };
}

/** Writes `{relative path: bytes}` under `root` (the old API's uploads folder). */
export function writeFolder(root: string, contents: Record<string, Uint8Array>): string {
  for (const [path, bytes] of Object.entries(contents)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

/** Bytes of each kind `file-type` recognises by magic number, padded to `size` where the format allows. */
export const sampleBytes = {
  png(size = 256): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
    };
    const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    const idat = deflateSync(Buffer.from([0, 0]));
    const head = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', idat)]);
    const text = chunk('tEXt', Buffer.alloc(Math.max(0, size - head.length - 12 - 12), 0x61));
    return Buffer.concat([head, text, chunk('IEND', Buffer.alloc(0))]);
  },
  jpeg(size = 256): Buffer {
    const head = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');
    return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - 2), 0x11), Buffer.from('ffd9', 'hex')]);
  },
  gif(size = 256): Buffer {
    const head = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');
    return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - 1), 0), Buffer.from(';')]);
  },
  pdf(size = 256): Buffer {
    const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
    const tail = Buffer.from('\n%%EOF\n');
    return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
  },
  text(size = 256, line = 'the quick brown fox jumps over the lazy dog\n'): Buffer {
    return Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size));
  },
  csv(rows = 20): Buffer {
    return Buffer.from(['name,size', ...Array.from({ length: rows }, (_, i) => `file${i},${i * 7}`)].join('\n') + '\n');
  },
  /** A zip archive: not in the default allow-list. */
  zip(): Buffer {
    const name = Buffer.from('a.txt');
    const data = Buffer.from('hello');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    return Buffer.concat([local, name, data]);
  },
};
