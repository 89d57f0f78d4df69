import { Duration } from 'aws-cdk-lib';
import { AlarmStatusWidget, Dashboard, GraphWidget, type IAlarm, type IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { AlertId } from '../../packages/core/src/observability/alerts';
import { appMetric, appMetricsBy, serverErrorRate } from './app-metrics';
import type { AppFunction } from './alarms';

export interface DashboardContext {
  /** `<app>-<stage>`: the dashboard's name. */
  prefix: string;
  stage: string;
  thresholds: Record<AlertId, number>;
  functions: readonly AppFunction[];
  alarms: readonly IAlarm[];
}

const five = { statistic: 'Sum', periodMinutes: 5 };

/**
 * The stage's dashboard: every metric of the catalogue (API-wide, and by
 * route, policy or reason), the alarms' thresholds drawn on their graphs,
 * Lambda's errors and throttles per function, and every alarm's state.
 *
 * @example
 * createDashboard(stack, { prefix: 'nocturnal-api-prod', stage: 'prod', thresholds, functions, alarms });
 */
export function createDashboard(scope: Construct, { prefix, stage, thresholds, functions, alarms }: DashboardContext): Dashboard {
  const graph = (title: string, props: Omit<ConstructorParameters<typeof GraphWidget>[0], 'title'>, width = 8) =>
    new GraphWidget({ title, width, height: 6, ...props });
  const threshold = (id: AlertId, label: string) => ({ value: thresholds[id], label, color: '#d62728' });
  const perFunction = (metric: 'metricErrors' | 'metricThrottles') =>
    functions.map(({ id, fn }) => fn[metric]({ statistic: 'Sum', period: Duration.minutes(5), label: id }));

  const rows: IWidget[][] = [
    [
      graph('Requests', { left: [appMetric(stage, 'requests', { ...five, label: 'requests' })] }),
      graph('4xx and 5xx', {
        left: [appMetric(stage, 'clientErrors', { ...five, label: '4xx' }), appMetric(stage, 'serverErrors', { ...five, label: '5xx' })],
      }),
      graph('5xx rate (%)', {
        left: [serverErrorRate(stage, 5, '5xx %')],
        leftAnnotations: [threshold('ServerErrorRate', 'alarm')],
      }),
    ],
    [
      graph('Latency (ms)', {
        left: [
          appMetric(stage, 'latency', { statistic: 'p50', periodMinutes: 5, label: 'p50' }),
          appMetric(stage, 'latency', { statistic: 'p99', periodMinutes: 5, label: 'p99' }),
        ],
        leftAnnotations: [threshold('LatencyP99', 'p99 alarm')],
      }),
      graph('Requests by route', { left: [appMetricsBy(stage, 'requests', 'route', five)] }),
      graph('Cold starts by route', { left: [appMetricsBy(stage, 'coldStarts', 'route', five)] }),
    ],
    [
      graph('429s by policy', { left: [appMetricsBy(stage, 'rateLimited', 'policy', five)] }),
      graph('Limiter degraded / strict mode (1 = on)', {
        left: [
          appMetric(stage, 'limiterDegraded', { statistic: 'Maximum', periodMinutes: 1, label: 'limiter degraded' }),
          appMetric(stage, 'strictMode', { statistic: 'Maximum', periodMinutes: 1, label: 'strict mode' }),
        ],
        leftYAxis: { min: 0, max: 1 },
      }),
      graph('Revocation refusals by reason', { left: [appMetricsBy(stage, 'revocationRefusals', 'reason', five)] }),
    ],
    [
      graph('Lambda errors', { left: perFunction('metricErrors'), leftAnnotations: [threshold('FunctionErrors', 'alarm')] }, 12),
      graph('Lambda throttles', { left: perFunction('metricThrottles'), leftAnnotations: [threshold('FunctionThrottles', 'alarm')] }, 12),
    ],
    [new AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms], width: 24, height: 8 })],
  ];
  return new Dashboard(scope, 'Dashboard', { dashboardName: prefix, widgets: rows, defaultInterval: Duration.hours(3) });
}
