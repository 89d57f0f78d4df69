/**
 * The containers' Prometheus alert rules, rendered from THE alert table
 * (`ALERTS`, packages/core/src/observability/alerts.ts): one rule per row,
 * its PromQL and `for` at the row's threshold, so a container fleet alerts on
 * the same conditions, with the same defaults, as the CloudWatch alarms.
 * `npm run rules:render` writes `monitoring/prometheus/alerts.yml` and the
 * Kubernetes PrometheusRule from here; a test fails when either differs.
 *
 * @example
 * const yaml = alertRulesYaml();                           // the defaults, as committed
 * const strict = renderAlertRules({ ServerErrorRate: 0.5 }); // a fleet with a tighter 5xx alert
 */
import { stringify } from 'yaml';
import { ALERTS, type AlertDef, type AlertId } from '@nocturnal/core/observability/alerts';
import { METRIC_SERVICE } from '@nocturnal/core/observability/metrics';

export type Severity = 'critical' | 'warning';

/** Prometheus only: how urgent each alert is (CloudWatch alarms have no severity; Alertmanager routes on it). */
export const SEVERITY: Record<AlertId, Severity> = {
  ServerErrorRate: 'critical',
  LatencyP99: 'warning',
  FunctionErrors: 'critical',
  FunctionThrottles: 'warning',
  LimiterDegraded: 'warning',
  StrictMode: 'warning',
};

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: Severity; service: string };
  annotations: { summary: string; description: string };
}

export interface RuleFile {
  groups: Array<{ name: string; rules: AlertRule[] }>;
}

/** The rule group's name, in alerts.yml and in the PrometheusRule. */
export const RULE_GROUP = METRIC_SERVICE;

/** `Nocturnal<Id>`: the alert's name in Prometheus and Alertmanager. */
export const alertName = (id: AlertId) => `Nocturnal${id}`;

const UNIT_WORDS: Record<AlertDef['unit'], string> = { percent: ' percent', ms: ' ms', count: '', minutes: ' minutes' };

/** The rules for the given thresholds (each defaults to the row's). */
export function renderAlertRules(thresholds: Partial<Record<AlertId, number>> = {}): RuleFile {
  return { groups: [{ name: RULE_GROUP, rules: ALERTS.map((a) => renderRule(a, thresholds[a.id] ?? a.threshold)) }] };
}

function renderRule(alert: AlertDef, threshold: number): AlertRule {
  const forMinutes = alert.forMinutes(threshold);
  return {
    alert: alertName(alert.id),
    expr: alert.promql(threshold),
    ...(forMinutes > 0 && { for: `${forMinutes}m` }),
    labels: { severity: SEVERITY[alert.id], service: METRIC_SERVICE },
    annotations: { summary: alert.summary, description: describe(alert, threshold) },
  };
}

/**
 * The value that fired (and where, when the series has an instance), then what
 * the row's setting controls here: a row may use its threshold in the
 * expression, in `for`, or not at all in containers (read from the functions
 * themselves, so the text cannot drift from the rule).
 */
function describe(alert: AlertDef, threshold: number): string {
  const value = `Value {{ printf "%.2f" $value }}{{ with $labels.instance }} on {{ . }}{{ end }}.`;
  const inExpr = alert.promql(threshold) !== alert.promql(threshold + 1);
  const inFor = alert.forMinutes(threshold) !== alert.forMinutes(threshold + 1);
  if (!inExpr && !inFor) return `${value} Fixed in containers; ${alert.setting} sets the Lambda alarm only.`;
  const condition = inExpr
    ? `Fires at ${threshold}${UNIT_WORDS[alert.unit]} or more`
    : `Fires after ${minutes(alert.forMinutes(threshold))}`;
  return `${value} ${condition} (${alert.setting}, default ${alert.threshold}).`;
}

const minutes = (n: number) => `${n} minute${n === 1 ? '' : 's'}`;

/** The committed renderings, relative to the project root. */
export const RULE_FILES = {
  prometheus: 'monitoring/prometheus/alerts.yml',
  kubernetes: 'k8s/monitoring/prometheus-rule.yaml',
} as const;

/** The header of every rendered file: where it comes from, how to regenerate it. */
export const RENDERED_HEADER = [
  '# Rendered from the alert table (packages/core/src/observability/alerts.ts) by',
  '# packages/server/src/monitoring/alert-rules.ts: do not edit, run `npm run rules:render`.',
].join('\n');

/** YAML without folded lines (PromQL stays on one line) or aliases. */
export const toYaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

/** `monitoring/prometheus/alerts.yml`: the rule file Prometheus loads (`rule_files`). */
export function alertRulesYaml(thresholds: Partial<Record<AlertId, number>> = {}): string {
  return `${RENDERED_HEADER}\n${toYaml(renderAlertRules(thresholds))}`;
}
