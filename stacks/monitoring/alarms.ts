import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Function as SstFunction } from 'sst/constructs';
import { ALERTS, type AlertDef, type AlertId } from '../../packages/core/src/observability/alerts';
import { appMetric, serverErrorRate } from './app-metrics';

/** A function of the app, named by its row in the route or jobs table. */
export interface AppFunction {
  id: string;
  fn: SstFunction;
}

export interface AlarmContext {
  /** `<app>-<stage>`: the prefix of every alarm name. */
  prefix: string;
  stage: string;
  thresholds: Record<AlertId, number>;
  functions: readonly AppFunction[];
  topic: ITopic;
}

/** One alarm to create: its name suffix, what it watches and over how many periods. */
interface AlarmSpec {
  name: string;
  metric: IMetric;
  evaluationPeriods: number;
}

type Spec = (alert: AlertDef, ctx: AlarmContext) => AlarmSpec[];

/** Lambda's own metric of each function, summed per period. */
function perFunction(metric: 'metricErrors' | 'metricThrottles'): Spec {
  return (alert, { functions }) =>
    functions.map(({ id, fn }) => ({
      name: `${alert.id}-${id}`,
      metric: fn[metric]({ statistic: 'Sum', period: Duration.minutes(alert.periodMinutes) }),
      evaluationPeriods: 1,
    }));
}

/** A gauge on (maximum ≥ 1) in each of `threshold` consecutive periods. */
function gauge(name: 'limiterDegraded' | 'strictMode'): Spec {
  return (alert, { stage, thresholds }) => [
    { name: alert.id, metric: appMetric(stage, name, { statistic: 'Maximum', periodMinutes: alert.periodMinutes }), evaluationPeriods: thresholds[alert.id] },
  ];
}

/**
 * How each row of the alert table is watched on Lambda. A per-function row
 * gets one alarm per function: a CloudWatch alarm's metric math holds at most
 * 10 metrics and the app has more functions, and an alarm named after its
 * route tells the reader which function failed.
 */
const SPECS: Record<AlertId, Spec> = {
  ServerErrorRate: (alert, { stage }) => [{ name: alert.id, metric: serverErrorRate(stage, alert.periodMinutes), evaluationPeriods: 1 }],
  LatencyP99: (alert, { stage }) => [
    { name: alert.id, metric: appMetric(stage, 'latency', { statistic: 'p99', periodMinutes: alert.periodMinutes }), evaluationPeriods: 1 },
  ],
  FunctionErrors: perFunction('metricErrors'),
  FunctionThrottles: perFunction('metricThrottles'),
  LimiterDegraded: gauge('limiterDegraded'),
  StrictMode: gauge('strictMode'),
};

/** The value an alarm compares with: the row's threshold, except for the gauges, whose threshold counts periods. */
function comparedValue(alert: AlertDef, thresholds: Record<AlertId, number>): number {
  return alert.unit === 'minutes' ? 1 : thresholds[alert.id];
}

/**
 * Every alarm of the alert table, each notifying `topic` when it fires and
 * when it clears. Missing data (no traffic) never fires an alarm.
 *
 * @example
 * const alarms = createAlarms(stack, { prefix: 'nocturnal-api-prod', stage: 'prod', thresholds, functions, topic });
 */
export function createAlarms(scope: Construct, ctx: AlarmContext): Alarm[] {
  const action = new SnsAction(ctx.topic);
  return ALERTS.flatMap((alert) =>
    SPECS[alert.id](alert, ctx).map((spec) => {
      const alarm = new Alarm(scope, `Alarm${spec.name}`, {
        alarmName: `${ctx.prefix}-${spec.name}`,
        alarmDescription: `${alert.summary}. Threshold ${ctx.thresholds[alert.id]} ${alert.unit} (${alert.setting}).`,
        metric: spec.metric,
        threshold: comparedValue(alert, ctx.thresholds),
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.evaluationPeriods,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return alarm;
    }),
  );
}
