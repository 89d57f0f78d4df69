/**
 * The function bundles of an SST synthesis (`.sst/artifacts/<id>/<handler file>.mjs`),
 * the reference bundles built exactly as SST builds a function (SST's own
 * esbuild, SST's options, then ours from functions/bundling.ts): hello world
 * and the same-work floors; and what fills a bundle (esbuild metafile, bytes
 * per package).
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BuildOptions, BuildResult } from 'esbuild';
import { FUNCTION_ESBUILD } from '../../packages/functions/src/bundling';
import { ROOT } from './context';

// SST 2.49.8 bundles with its own esbuild (0.18), not the project's.
const sstRequire = createRequire(createRequire(import.meta.url).resolve('sst/package.json'));
const sstEsbuild = sstRequire('esbuild') as { build(options: BuildOptions): Promise<BuildResult> };
export const SST_ESBUILD_VERSION = (sstRequire('esbuild/package.json') as { version: string }).version;

/** SST v2's options for an ESM function (sst/runtime/handlers/node.js), then our `nodejs` props (minify, sourcemap, FUNCTION_ESBUILD). */
export const SST_ESM: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'esnext',
  mainFields: ['module', 'main'],
  keepNames: true,
  minify: true,
  sourcemap: true,
  banner: {
    js: [
      `import { createRequire as topLevelCreateRequire } from 'module';`,
      `const require = topLevelCreateRequire(import.meta.url);`,
      `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
      `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
      '',
    ].join('\n'),
  },
  logLevel: 'warning',
  ...(FUNCTION_ESBUILD as BuildOptions),
  external: ['sharp', 'pg-native', ...FUNCTION_ESBUILD.external],
};

/** Builds like SST: SST's esbuild, SST's options. */
export function buildLikeSst(options: BuildOptions): Promise<BuildResult> {
  return sstEsbuild.build({ ...SST_ESM, ...options });
}

export interface Artifact {
  /** Handler file relative to the root, without extension: `packages/functions/src/health/live`. */
  file: string;
  path: string;
  bytes: number;
  mtimeMs: number;
}

/** The newest artifact of each handler file; with `since`, only those written after it. */
export async function findArtifacts(since = 0): Promise<Artifact[]> {
  const root = join(ROOT, '.sst', 'artifacts');
  const newest = new Map<string, Artifact>();
  const dirs = await readdir(root).catch(() => [] as string[]);
  for (const dir of dirs) {
    const files = await readdir(join(root, dir), { recursive: true }).catch(() => [] as string[]);
    for (const rel of files.filter((f) => f.endsWith('.mjs'))) {
      const path = join(root, dir, rel);
      const info = await stat(path);
      const file = rel.replace(/\.mjs$/, '');
      if (info.mtimeMs < since || (newest.get(file)?.mtimeMs ?? -1) > info.mtimeMs) continue;
      newest.set(file, { file, path, bytes: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return [...newest.values()].sort((a, b) => a.file.localeCompare(b.file));
}

/** A minimal handler, bundled exactly like a function: the cold-start reference. */
export async function buildHello(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const source = join(dir, 'hello.ts');
  await writeFile(source, `export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' });\n`);
  const outfile = join(dir, 'hello', 'hello.mjs');
  await buildLikeSst({ entryPoints: [source], outfile });
  return outfile;
}

/** The same-work floors, one module per library (bench/floors/), in the order a request meets them. */
export const FLOOR_PIECES = [
  { name: 'jose verify', module: 'jose-verify', package: 'jose' },
  { name: 'Upstash limit', module: 'upstash-limit', package: '@upstash/ratelimit' },
  { name: 'MongoDB connect + findOne', module: 'mongodb-find', package: 'mongodb' },
  { name: 'S3 presigned PUT', module: 's3-presign', package: '@aws-sdk/client-s3' },
] as const;

export type FloorPiece = (typeof FLOOR_PIECES)[number];

/** The floor of a dependency set: one handler running each piece's step in turn, bundled like a function. */
export async function buildFloor(dir: string, pieces: readonly FloorPiece[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const source = join(dir, 'floor.ts');
  const imports = pieces.map((p, i) => `import { step as step${i} } from ${JSON.stringify(join(ROOT, 'bench', 'floors', `${p.module}.ts`))};`);
  const steps = pieces.map((_, i) => `  await step${i}();`);
  await writeFile(source, [...imports, 'export const handler = async () => {', ...steps, "  return { statusCode: 200, body: '{}' };", '};', ''].join('\n'));
  const outfile = join(dir, 'floor', 'floor.mjs');
  await buildLikeSst({ entryPoints: [source], outfile, absWorkingDir: ROOT });
  return outfile;
}

/** Bytes in the minified output per package (node_modules name, or our workspace folder), largest first. */
export async function contributors(file: string): Promise<Array<{ name: string; bytes: number }>> {
  const result = await buildLikeSst({
    entryPoints: [join(ROOT, `${file}.ts`)],
    outdir: join(ROOT, '.sst', 'bench-metafile'),
    absWorkingDir: ROOT,
    write: false,
    metafile: true,
  });
  const totals = new Map<string, number>();
  for (const output of Object.values(result.metafile!.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      totals.set(packageOf(input), (totals.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function packageOf(input: string): string {
  const segments = input.split('node_modules/').slice(1).map((s) => /^((?:@[^/]+\/)?[^/]+)/.exec(s)![1]!);
  if (segments.length === 0) return /^packages\/[^/]+/.exec(input)?.[0] ?? (input.startsWith('cjs-builtin:') ? 'node built-ins (require)' : input);
  return segments.length > 1 ? `${segments.at(-1)} (in ${segments[0]})` : segments[0]!;
}

const GROUPS: Array<[RegExp, string]> = [
  [/^zod\b/, 'zod'],
  [/^(mongodb|bson|tr46|whatwg-url|webidl-conversions|@mongodb-js|punycode)\b/, 'MongoDB driver (+bson, whatwg-url, tr46)'],
  [/^(@aws-sdk|@smithy|@aws-crypto|fast-xml-parser|strnum|bowser|tslib|uuid)\b/, 'AWS SDK v3 (+fast-xml-parser, bowser)'],
  [/^@upstash\//, '@upstash/redis + ratelimit'],
  [/^@middy\//, 'middy'],
  [/^jose\b/, 'jose'],
  [/^packages\//, 'our packages/*'],
];

/** Contributors summed into the families that explain a bundle's size. */
export function groupContributors(list: Array<{ name: string; bytes: number }>): Array<{ name: string; bytes: number }> {
  const totals = new Map<string, number>();
  for (const { name, bytes } of list) {
    const group = GROUPS.find(([re]) => re.test(name))?.[1] ?? 'other';
    totals.set(group, (totals.get(group) ?? 0) + bytes);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** The floor pieces whose library a bundle holds: its dependency set. */
export function dependencySet(packages: Array<{ name: string }>): FloorPiece[] {
  const names = new Set(packages.map((p) => p.name.replace(/ \(in .*\)$/, '')));
  return FLOOR_PIECES.filter((p) => names.has(p.package));
}
