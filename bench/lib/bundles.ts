/**
 * The function bundles of an SST synthesis (`.sst/artifacts/<id>/<handler file>.mjs`),
 * the hello-world reference built with SST's esbuild options, and what fills a
 * bundle (esbuild metafile, bytes per package).
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { ROOT } from './context';

/** SST v2's options for an ESM function (sst/runtime/handlers/node.js) with our `nodejs` props (minify, sourcemap, target node24). */
export const SST_ESM: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  keepNames: true,
  minify: true,
  sourcemap: true,
  external: ['sharp', 'pg-native'],
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
};

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
  await build({ ...SST_ESM, entryPoints: [source], outfile });
  return outfile;
}

/** Bytes in the minified output per package (node_modules name, or our workspace folder), largest first. */
export async function contributors(file: string, external: string[] = []): Promise<Array<{ name: string; bytes: number }>> {
  const result = await build({
    ...SST_ESM,
    entryPoints: [join(ROOT, `${file}.ts`)],
    external: [...SST_ESM.external!, ...external],
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
  if (segments.length === 0) return /^packages\/[^/]+/.exec(input)?.[0] ?? input;
  return segments.length > 1 ? `${segments.at(-1)} (in ${segments[0]})` : segments[0]!;
}

const GROUPS: Array<[RegExp, string]> = [
  [/^zod\b/, 'zod'],
  [/^(mongodb|bson|tr46|whatwg-url|webidl-conversions|@mongodb-js)\b/, 'MongoDB driver (+bson, whatwg-url, tr46)'],
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
