/**
 * Scaffolds an owner-scoped CRUD resource in the project's own shape (the
 * README's "Adding a resource" lists what it writes and edits):
 *
 *   npm run new:resource -- notes [--singular note]
 *
 * @example
 * await generateResource({ root: PROJECT_ROOT, plural: 'notes' }); // → the paths written and edited
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { namesOf, RESERVED, type Names } from './names';
import { CORE_MONGO, CORE_TEST, CORE_TYPES, CORE_USE_CASES } from './templates-core';
import { CLIENT, HANDLERS, INTEGRATION_TEST, OPERATIONS, ROUTES, SCHEMAS } from './templates-functions';

/** Replaces the `__placeholders__` of a template with the resource's names. */
export function render(template: string, n: Names): string {
  return template
    .replaceAll('__Singular__', n.Singular)
    .replaceAll('__singular__', n.singular)
    .replaceAll('__Plural__', n.Plural)
    .replaceAll('__kebab__', n.kebab)
    .replaceAll('__camel__', n.camel)
    .replaceAll('__UPPER__', n.UPPER)
    .replaceAll('__snake__', n.snake);
}

export interface Generated {
  written: string[];
  edited: string[];
}

export async function generateResource(opts: { root: string; plural: string; singular?: string }): Promise<Generated> {
  const n = namesOf(opts.plural, opts.singular);
  const at = (path: string) => join(opts.root, path);
  const targets = [`packages/core/src/${n.kebab}`, `packages/functions/src/${n.kebab}`, `packages/functions/src/routes/${n.kebab}.ts`];
  if (RESERVED.includes(n.kebab) || targets.some((t) => existsSync(at(t)))) {
    throw new Error(`"${n.kebab}" clashes with an existing area: choose another name`);
  }

  const files: Array<[string, string]> = [
    [`packages/core/src/${n.kebab}/types.ts`, CORE_TYPES],
    [`packages/core/src/${n.kebab}/${n.kebab}.mongo.ts`, CORE_MONGO],
    [`packages/core/src/${n.kebab}/use-cases.ts`, CORE_USE_CASES],
    [`packages/core/src/${n.kebab}/use-cases.test.ts`, CORE_TEST],
    [`packages/functions/src/clients/${n.kebab}.ts`, CLIENT],
    [`packages/functions/src/${n.kebab}/schemas.ts`, SCHEMAS],
    ...HANDLERS.map(([file, body]): [string, string] => [`packages/functions/src/${n.kebab}/${file}`, body]),
    [`packages/functions/src/routes/${n.kebab}.ts`, ROUTES],
    [`packages/functions/src/openapi/operations/${n.kebab}.ts`, OPERATIONS],
    [`test/integration/${n.kebab}.test.ts`, INTEGRATION_TEST],
  ];
  for (const [path, template] of files) {
    await mkdir(dirname(at(path)), { recursive: true });
    await writeFile(at(path), render(template, n));
  }

  const edit = async (path: string, change: (text: string) => string) => {
    const before = await readFile(at(path), 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`${path}: the generator's anchor is gone; edit it by hand (README: Adding a resource)`);
    await writeFile(at(path), after);
    return path;
  };
  const code = `${n.UPPER}_NOT_FOUND`;
  const edited = [
    await edit('packages/functions/src/routes.ts', (s) =>
      s
        .replace(/(import type \{ RouteDef \} from '\.\/route-types';)/, `import { ${n.camel}Routes } from './routes/${n.kebab}';\n$1`)
        .replace(/, fallbackRoute\]/, `, ...${n.camel}Routes, fallbackRoute]`),
    ),
    await edit('packages/functions/src/openapi/operations/index.ts', (s) =>
      s
        .replace(/(import type \{ OperationSpecs \} from '\.\.\/spec';)/, `$1\nimport { ${n.camel}Operations } from './${n.kebab}';`)
        .replace(/(export const OPERATIONS: OperationSpecs = \{\n)/, `$1  ...${n.camel}Operations,\n`)
        .replace(/(export const OPERATION_FILES = \{\n)/, `$1  '${n.kebab}': '${n.kebab}.ts',\n`),
    ),
    await edit('packages/functions/src/openapi/spec.ts', (s) =>
      s.replace(/(\n  Documentation: )/, `\n  ${n.Plural}: 'Own ${n.kebab}, owner-scoped: each user reads and deletes theirs; an admin may read any.',$1`),
    ),
    await edit('packages/core/src/errors.ts', (s) =>
      s.replace(/\n\] as const;/, `\n  /** No such ${n.singular}, or not the caller's. */\n  '${code}',\n] as const;`),
    ),
    await edit('packages/functions/src/errors.ts', (s) =>
      s.replace(/(\n  FILE_NOT_FOUND: .*\n)/, `$1  ${code}: { status: 404, title: '${n.Singular} not found' },\n`),
    ),
    await edit('packages/functions/src/users/account-cleanups.ts', (s) =>
      s
        .replace(/(import type \{ Runtime \} from '\.\.\/runtime';)/, `import { deleteUser${n.Plural} } from '@nocturnal/core/${n.kebab}/use-cases';\nimport { ${n.camel}Context } from '../clients/${n.kebab}';\n$1`)
        .replace(/(\n  \];\n\}\s*)$/, `\n    {\n      name: '${n.kebab}',\n      run: async (userId) => {\n        await deleteUser${n.Plural}(await runtime.get(${n.camel}Context), userId);\n      },\n    },$1`),
    ),
    await edit('README.md', (s) =>
      s
        .replace(/(\n\| `FILE_NOT_FOUND` \| 404 \|.*\n)/, `$1| \`${code}\` | 404 | no such ${n.singular}, or not yours |\n`)
        .replace(/\n## Configuration\n/, `\n${render(README_SECTION, n)}\n## Configuration\n`),
    ),
  ];
  return { written: files.map(([path]) => path), edited };
}

const README_SECTION = `## __Plural__

Owner-scoped __kebab__ in MongoDB (collection \`__snake__\`), generated by \`npm run new:resource -- __kebab__\`:
each user sees and deletes their own; an admin may read anyone's; account deletion erases them.

| method & path | body / query | success | error codes |
| --- | --- | --- | --- |
| \`POST /api/v1/__kebab__\` | \`{title, body?}\` | \`201\` __singular__ | \`VALIDATION_FAILED\` 400 |
| \`GET /api/v1/__kebab__\` | \`?limit=1..100 (20)&cursor=\` | \`200 {items, nextCursor}\` | \`VALIDATION_FAILED\` 400 (bad cursor) |
| \`GET /api/v1/__kebab__/{id}\` | – | \`200\` __singular__ | \`__UPPER___NOT_FOUND\` 404 |
| \`DELETE /api/v1/__kebab__/{id}\` | – | \`204\` | \`__UPPER___NOT_FOUND\` 404 |
`;
