/**
 * The other direction of the resource check (the runtime refuses what a row
 * does not declare): every resource a row declares is reached by its
 * function's code, so nothing is bound on AWS that the function never uses.
 * Each handler's own module graph is bundled and the client modules in it name
 * the resources it can reach.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/src/project-root';
import { jobs } from './routes/jobs';
import { resourcesOf, routes, splitHandler, type FunctionDef } from './routes';

const CLIENTS = join(PROJECT_ROOT, 'packages/functions/src/clients');

/** The resources of the clients a module defines (`defineClient({ resource: … })`). */
function resourcesDefinedIn(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/resource: '(\w+)'/g)].map((m) => m[1]!);
}

/** Every resource the function's code can reach through a client module. */
async function reachable(def: FunctionDef): Promise<Set<string>> {
  const { file } = splitHandler(def.handler);
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, `${file}.ts`)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    // Only the project's own functions code matters here: packages stay out (fast).
    packages: 'external',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => join(PROJECT_ROOT, p));
  return new Set(inputs.filter((p) => relative(CLIENTS, p).match(/^[\w-]+\.ts$/)).flatMap(resourcesDefinedIn));
}

describe('declared resources are used', () => {
  it.each([...routes, ...jobs].map((def) => [def.id, def] as const))('%s reaches every resource it declares', async (_id, def) => {
    const used = await reachable(def);
    const unused = resourcesOf(def).filter((r) => !used.has(r));
    expect(unused, `${def.id} declares ${unused.join(', ')} but no client of it is in its code: remove it from the row (least privilege)`).toEqual([]);
  });
});
