/**
 * The committed rule files are the table's rendering, the Kubernetes
 * PrometheusRule carries the same groups as alerts.yml, and the hand-written
 * promtool tests cover every alert both ways, on the series the containers
 * really publish.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ALERTS } from '../../packages/core/src/observability/alerts';
import { LATENCY_BUCKETS_SECONDS, METRICS } from '../../packages/core/src/observability/metrics';
import { alertName, alertRulesYaml, renderAlertRules, RULE_FILES } from '../../packages/server/src/monitoring/alert-rules';
import { prometheusRuleYaml } from '../../packages/server/src/monitoring/prometheus-rule';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');

describe('rendered rule files', () => {
  it('monitoring/prometheus/alerts.yml is the current rendering (regenerate with npm run rules:render)', () => {
    expect(read(RULE_FILES.prometheus)).toBe(alertRulesYaml());
  });

  it('k8s/monitoring/prometheus-rule.yaml is the current rendering, with the same groups as alerts.yml', () => {
    const rule = parse(read(RULE_FILES.kubernetes));

    expect(read(RULE_FILES.kubernetes)).toBe(prometheusRuleYaml());
    expect(rule).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule' });
    expect(rule.spec).toEqual(parse(read(RULE_FILES.prometheus)));
  });

  it('one rule per row of the table: its PromQL and for at the default threshold, a severity, the row as summary', () => {
    const [group] = renderAlertRules().groups;

    expect(group!.rules.map((r) => r.alert)).toEqual(ALERTS.map((a) => alertName(a.id)));
    for (const [i, alert] of ALERTS.entries()) {
      const rule = group!.rules[i]!;
      const forMinutes = alert.forMinutes(alert.threshold);
      expect(rule.expr).toBe(alert.promql(alert.threshold));
      expect(rule.for).toBe(forMinutes > 0 ? `${forMinutes}m` : undefined);
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toBe(alert.summary);
      expect(rule.annotations.description).toContain(alert.setting);
    }
  });

  it('a fleet can render other thresholds: the expression or the for follows, the default stays in the text', () => {
    const rules = renderAlertRules({ ServerErrorRate: 0.5, LimiterDegraded: 10 }).groups[0]!.rules;
    const byName = (id: string) => rules.find((r) => r.alert === `Nocturnal${id}`)!;

    expect(byName('ServerErrorRate').expr).toMatch(/>= 0\.5$/);
    expect(byName('ServerErrorRate').annotations.description).toContain('Fires at 0.5 percent or more (ALARM_5XX_RATE_PERCENT, default 1)');
    expect(byName('LimiterDegraded').for).toBe('10m');
  });
});

describe('monitoring/prometheus/alerts.test.yml (hand-written promtool tests)', () => {
  const file = parse(read('monitoring/prometheus/alerts.test.yml')) as {
    rule_files: string[];
    tests: Array<{ name: string; input_series: Array<{ series: string }>; alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
  };
  const cases = file.tests.flatMap((t) => t.alert_rule_test);
  const series = file.tests.flatMap((t) => t.input_series.map((s) => s.series));

  it('tests the rendered file', () => {
    expect(file.rule_files).toEqual(['alerts.yml']);
  });

  it('every alert has a case where it fires and one where it does not', () => {
    for (const alert of ALERTS) {
      const mine = cases.filter((c) => c.alertname === alertName(alert.id));
      expect(mine.some((c) => c.exp_alerts.length > 0), `${alert.id} fires`).toBe(true);
      expect(mine.some((c) => c.exp_alerts.length === 0), `${alert.id} stays quiet`).toBe(true);
    }
    expect(new Set(cases.map((c) => c.alertname))).toEqual(new Set(ALERTS.map((a) => alertName(a.id))));
  });

  it('feeds only series the containers publish: catalogue names, the histogram with its buckets, up and the event-loop lag', () => {
    const names = new Set(series.map((s) => /^[a-z_0-9]+/.exec(s)![0]));
    const published = new Set<string>([
      ...Object.values(METRICS).map((m) => m.prometheus),
      `${METRICS.latency.prometheus}_bucket`,
      'up',
      'nodejs_eventloop_lag_p99_seconds',
    ]);
    for (const name of names) expect(published.has(name), name).toBe(true);

    const buckets = series.filter((s) => s.startsWith(`${METRICS.latency.prometheus}_bucket{`)).map((s) => /le="([^"]+)"/.exec(s)![1]);
    const expected = [...LATENCY_BUCKETS_SECONDS.map(String), '+Inf'];
    expect(buckets.length % expected.length).toBe(0);
    for (let i = 0; i < buckets.length; i += expected.length) expect(buckets.slice(i, i + expected.length)).toEqual(expected);
    for (const s of series) expect(s, s).toContain('job="nocturnal-api"');
  });
});
