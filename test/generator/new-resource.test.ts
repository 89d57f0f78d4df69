/**
 * The resource generator end to end: `npm run new:resource -- notes` in a
 * working copy of the project, then, there, the typecheck and the tests that
 * the new resource touches — its own unit and HTTP tests, the route-table and
 * resource checks, the README's error table, and the infra test that
 * synthesises and bundles every function, the new ones included.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResource } from '../../packages/functions/src/scripts/new-resource/generate';
import { copyProject, type ProjectCopy } from './copy-project';

const run = promisify(execFile);
let copy: ProjectCopy;
let generated: string;
beforeAll(async () => {
  copy = await copyProject();
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'packages/functions/src/scripts/new-resource/main.ts', 'notes'], { cwd: copy.root });
  generated = stdout;
}, 120_000);
afterAll(() => copy?.remove());

const inCopy = (args: string[], timeout = 300_000) =>
  run(process.execPath, args, { cwd: copy.root, timeout, env: { PATH: process.env.PATH ?? '', CI: process.env.CI ?? '', NO_COLOR: '1' }, maxBuffer: 32 * 1024 * 1024 });

describe('npm run new:resource -- notes', () => {
  it('writes the resource and registers it where the recipe says', () => {
    for (const path of ['packages/core/src/notes/use-cases.ts', 'packages/functions/src/notes/create.ts', 'packages/functions/src/routes/notes.ts', 'test/integration/notes.test.ts']) {
      expect(generated).toContain(`wrote  ${path}`);
    }
    for (const path of ['packages/functions/src/routes.ts', 'packages/core/src/errors.ts', 'packages/functions/src/errors.ts', 'packages/functions/src/users/account-cleanups.ts', 'README.md']) {
      expect(generated).toContain(`edited ${path}`);
    }
  });

  it('passes the typecheck', async () => {
    await expect(inCopy([join('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'])).resolves.toBeDefined();
  }, 300_000);

  it('passes its own tests and every test it touches, the infra synthesis included', async () => {
    const files = [
      'packages/core/src/notes',
      'test/integration/notes.test.ts',
      'packages/functions/src/routes.test.ts',
      'packages/functions/src/declared-resources.test.ts',
      'packages/functions/src/errors.test.ts',
      'packages/functions/src/openapi',
      'test/infra/stacks.test.ts',
    ];
    const { stdout } = await inCopy([join('node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=dot', ...files], 600_000);
    const plain = stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/Tests\s+\d+ passed/);
    expect(plain).not.toMatch(/\d+ failed|\d+ skipped/);
  }, 600_000);

  it('refuses a name that clashes with an existing area, or is not a plural kebab-case name', async () => {
    await expect(generateResource({ root: copy.root, plural: 'notes' })).rejects.toThrow(/clashes/);
    await expect(generateResource({ root: copy.root, plural: 'files' })).rejects.toThrow(/clashes/);
    await expect(generateResource({ root: copy.root, plural: 'Bad_Name' })).rejects.toThrow(/plural kebab-case/);
  });
});
