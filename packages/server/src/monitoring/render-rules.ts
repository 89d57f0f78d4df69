/**
 * Writes the rendered alert rules (the table's default thresholds) into the
 * committed files, the way render-nginx.ts writes nginx/nginx.conf:
 *
 *   npm run rules:render
 *
 * A fleet with other thresholds renders its own copy, e.g. to stdout:
 *
 *   npx tsx packages/server/src/monitoring/render-rules.ts --threshold ServerErrorRate=0.5 --stdout
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ALERTS, type AlertId } from '@nocturnal/core/observability/alerts';
import { PROJECT_ROOT } from '../project-root';
import { alertRulesYaml, RULE_FILES } from './alert-rules';
import { prometheusRuleYaml } from './prometheus-rule';

const { values } = parseArgs({ options: { threshold: { type: 'string', multiple: true }, stdout: { type: 'boolean' } } });
const thresholds: Partial<Record<AlertId, number>> = {};
for (const pair of values.threshold ?? []) {
  const [id, raw] = pair.split('=');
  const value = Number(raw);
  if (!ALERTS.some((a) => a.id === id) || !(value > 0)) {
    process.stderr.write(`--threshold ${pair}: expected <${ALERTS.map((a) => a.id).join('|')}>=<positive number>\n`);
    process.exit(2);
  }
  thresholds[id as AlertId] = value;
}
if (values.stdout) process.stdout.write(alertRulesYaml(thresholds));
else {
  if (Object.keys(thresholds).length > 0) {
    process.stderr.write('--threshold needs --stdout: the committed files keep the defaults\n');
    process.exit(2);
  }
  writeFileSync(join(PROJECT_ROOT, RULE_FILES.prometheus), alertRulesYaml());
  writeFileSync(join(PROJECT_ROOT, RULE_FILES.kubernetes), prometheusRuleYaml());
}
