/**
 * The same alert rules as a Prometheus Operator `PrometheusRule`
 * (`k8s/monitoring/prometheus-rule.yaml`): `spec.groups` is exactly the rule
 * file's `groups`, so Kubernetes and compose alert alike.
 *
 * @example
 * writeFileSync('k8s/monitoring/prometheus-rule.yaml', prometheusRuleYaml());
 */
import type { AlertId } from '@nocturnal/core/observability/alerts';
import { METRIC_SERVICE } from '@nocturnal/core/observability/metrics';
import { RENDERED_HEADER, renderAlertRules, toYaml } from './alert-rules';

/**
 * Labels the operator's `ruleSelector` matches. kube-prometheus-stack selects
 * on `release: <its Helm release>`; change it to your installation's.
 */
export const OPERATOR_SELECTOR_LABELS = { release: 'kube-prometheus-stack' } as const;

export function prometheusRule(thresholds: Partial<Record<AlertId, number>> = {}) {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: METRIC_SERVICE,
      labels: { 'app.kubernetes.io/name': METRIC_SERVICE, ...OPERATOR_SELECTOR_LABELS },
    },
    spec: renderAlertRules(thresholds),
  };
}

export function prometheusRuleYaml(thresholds: Partial<Record<AlertId, number>> = {}): string {
  return `${RENDERED_HEADER}\n${toYaml(prometheusRule(thresholds))}`;
}
