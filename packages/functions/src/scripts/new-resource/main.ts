/** `npm run new:resource -- <plural> [--singular <name>]`: see generate.ts. */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../../../server/src/project-root';
import { generateResource } from './generate';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { singular: { type: 'string' }, root: { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: npm run new:resource -- <plural kebab-case name> [--singular <name>]\n');
  process.exit(2);
}
try {
  const out = await generateResource({ root: values.root ?? PROJECT_ROOT, plural: positionals[0]!, singular: values.singular });
  const root = values.root ?? PROJECT_ROOT;
  // The committed OpenAPI document and its client types follow the route table (npm run openapi).
  execFileSync(process.execPath, ['--import', 'tsx', 'packages/functions/src/openapi/write.ts'], { cwd: root, stdio: 'ignore' });
  process.stdout.write(
    [...out.written.map((p) => `wrote  ${p}`), ...out.edited.map((p) => `edited ${p}`), 'wrote  packages/functions/src/openapi/generated/* (npm run openapi)', ''].join('\n'),
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
