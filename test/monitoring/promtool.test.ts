/**
 * The containers' monitoring files through Prometheus's own checker: the rule
 * file parses (`check rules`), behaves as its hand-written unit tests say
 * (`test rules`), and the compose Prometheus configuration, which loads it by
 * a relative path, is valid (`check config`).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALERTS } from '../../packages/core/src/observability/alerts';
import { alertRulesYaml, RULE_FILES } from '../../packages/server/src/monitoring/alert-rules';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';
import { findPromtool, promtool } from './promtool';

const bin = findPromtool();
const CONFIG = 'monitoring/prometheus/prometheus.yml';
const TESTS = 'monitoring/prometheus/alerts.test.yml';

it.runIf(process.env.CI === 'true')('CI has promtool (Debian package prometheus)', () => {
  expect(bin).not.toBeNull();
});

describe.skipIf(bin === null)('promtool', () => {
  const run = (args: string[], cwd?: string) => promtool(bin!, args, cwd);
  const scratch = mkdtempSync(join(tmpdir(), 'promtool-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('check rules: the rendered rule file is valid, one rule per alert of the table', () => {
    const { status, output } = run(['check', 'rules', RULE_FILES.prometheus]);

    expect(output).toContain(`SUCCESS: ${ALERTS.length} rules found`);
    expect(status, output).toBe(0);
  });

  it('test rules: every alert fires where its unit tests say, with their labels and annotations, and nowhere else', () => {
    const { status, output } = run(['test', 'rules', TESTS]);

    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });

  it('test rules fails when the rules disagree with the tests (a tightened threshold fires the "just under" cases)', () => {
    writeFileSync(join(scratch, 'alerts.yml'), alertRulesYaml({ ServerErrorRate: 0.5 }));
    copyFileSync(join(PROJECT_ROOT, TESTS), join(scratch, 'alerts.test.yml'));

    const { status, output } = run(['test', 'rules', 'alerts.test.yml'], scratch);

    expect(status).not.toBe(0);
    expect(output).toContain('5xx at 0.9 % of requests, just under the threshold, does not fire');
  });

  it('check config: the compose Prometheus configuration is valid and loads the rules beside it, from any working directory', () => {
    for (const cwd of [PROJECT_ROOT, tmpdir()]) {
      const { status, output } = run(['check', 'config', join(PROJECT_ROOT, CONFIG)], cwd);

      expect(status, output).toBe(0);
      expect(output).toContain('SUCCESS: 1 rule files found');
      expect(output).toContain(`SUCCESS: ${ALERTS.length} rules found`);
    }
  });

  it('check config fails without the rule file beside the configuration: rule_files is relative to it', () => {
    const alone = mkdtempSync(join(scratch, 'alone-'));
    copyFileSync(join(PROJECT_ROOT, CONFIG), join(alone, 'prometheus.yml'));

    const { status, output } = run(['check', 'config', join(alone, 'prometheus.yml')]);

    expect(status, output).not.toBe(0);
    expect(output).toContain('alerts.yml');
  });
});
