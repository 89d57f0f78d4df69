/** `npm run new:resource -- <plural> [--singular <name>]`: see generate.ts. */
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
  process.stdout.write([...out.written.map((p) => `wrote  ${p}`), ...out.edited.map((p) => `edited ${p}`), ''].join('\n'));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
