/**
 * The Monitoring stack, synthesised without bundling (synthesizeWiring): one
 * alarm per row of the alert table (per function for Lambda's errors and
 * throttles), each on its metric with its threshold and notifying the alarm
 * topic; the email subscription; the dashboard. Once with every threshold
 * overridden and ALARM_EMAIL given, once with no setting (the defaults).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { ALERTS, findAlert, type AlertId } from '../../packages/core/src/observability/alerts';
import { METRIC_NAMESPACE, METRIC_SERVICE, METRICS } from '../../packages/core/src/observability/metrics';
import { jobs } from '../../packages/functions/src/routes/jobs';
import { routeKey, routes } from '../../packages/functions/src/routes';
import { synthesizeWiring, type Synth } from '../helpers/synth';
import { dashboardBody, importOf, onlyResource, resourcesOf, routeFunctionIds } from './template-lookups';

const TUNED: Record<string, string> = {
  ALARM_EMAIL: 'ops@example.com',
  ALARM_5XX_RATE_PERCENT: '2.5',
  ALARM_P99_LATENCY_MS: '750',
  ALARM_FUNCTION_ERRORS: '3',
  ALARM_FUNCTION_THROTTLES: '2',
  ALARM_LIMITER_DEGRADED_MINUTES: '3',
  ALARM_STRICT_MODE_MINUTES: '2',
};

let tuned: Synth;
let defaults: Synth;

beforeAll(async () => {
  Object.assign(process.env, TUNED);
  tuned = await synthesizeWiring('tuned');
  for (const name of Object.keys(TUNED)) delete process.env[name];
  defaults = await synthesizeWiring('defaults');
}, 300_000);

// [stage, its synthesis (made in beforeAll), the threshold it should have].
const VARIANTS = [
  ['tuned', () => tuned, (id: AlertId) => Number(TUNED[findAlert(id).setting])],
  ['defaults', () => defaults, (id: AlertId) => findAlert(id).threshold],
] as const;

const alarms = (synth: Synth) => new Map(resourcesOf(synth.monitoring, 'AWS::CloudWatch::Alarm').map(([, a]) => [a.Properties.AlarmName as string, a.Properties]));
const alarm = (synth: Synth, stage: string, name: string) => {
  const found = alarms(synth).get(`nocturnal-api-${stage}-${name}`);
  expect(found, name).toBeDefined();
  return found!;
};
const topicId = (t: Template) => onlyResource(t, 'AWS::SNS::Topic')[0];
const appDimensions = (stage: string) => [
  { Name: 'service', Value: METRIC_SERVICE },
  { Name: 'stage', Value: stage },
];

/** Every function of the app by its row id, as the Monitoring stack imports its name. */
const functionNames = (synth: Synth) => {
  const byRoute = routeFunctionIds(synth.api);
  const names = new Map(routes.map((r) => [r.id, importOf(synth.api, byRoute.get(routeKey(r))!)]));
  // The Jobs stack: the cron rule's target and the bucket notification's function.
  const [, rule] = onlyResource(synth.jobs, 'AWS::Events::Rule');
  const [, notification] = onlyResource(synth.jobs, 'Custom::S3BucketNotifications');
  names.set('cleanup-pending', importOf(synth.jobs, rule.Properties.Targets[0].Arn['Fn::GetAtt'][0]));
  names.set('object-created', importOf(synth.jobs, notification.Properties.NotificationConfiguration.LambdaFunctionConfigurations[0].LambdaFunctionArn['Fn::GetAtt'][0]));
  return names;
};

describe('alarm topic', () => {
  it('is one SNS topic, mailed to ALARM_EMAIL when it is given', () => {
    const [, subscription] = onlyResource(tuned.monitoring, 'AWS::SNS::Subscription');
    expect(subscription.Properties).toEqual({ Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId(tuned.monitoring) } });
  });

  it('has no subscription without ALARM_EMAIL', () => {
    topicId(defaults.monitoring);
    expect(resourcesOf(defaults.monitoring, 'AWS::SNS::Subscription')).toEqual([]);
  });
});

describe.each(VARIANTS)('alarms (%s)', (stage, synth, threshold) => {

  it('are one per alert row, and one per function and row for Lambda errors and throttles, named after the app and stage', () => {
    const functionIds = [...routes.map((r) => r.id), ...jobs.map((j) => j.id)];
    const expected = ALERTS.flatMap((a) => (a.id.startsWith('Function') ? functionIds.map((f) => `${a.id}-${f}`) : [a.id]));
    expect([...alarms(synth()).keys()].sort()).toEqual(expected.map((n) => `nocturnal-api-${stage}-${n}`).sort());
  });

  it('each notify the topic when they fire and when they clear, fire at or above the threshold, and never on missing data', () => {
    const topic = { Ref: topicId(synth().monitoring) };
    for (const [name, props] of alarms(synth())) {
      expect(props.AlarmActions, name).toEqual([topic]);
      expect(props.OKActions, name).toEqual([topic]);
      expect(props.ComparisonOperator, name).toBe('GreaterThanOrEqualToThreshold');
      expect(props.TreatMissingData, name).toBe('notBreaching');
    }
  });

  it('ServerErrorRate: 100 × ServerErrors / Requests, API-wide sums over 5 minutes', () => {
    const props = alarm(synth(), stage, 'ServerErrorRate');
    const stat = (name: string) => ({ Metric: { Namespace: METRIC_NAMESPACE, MetricName: name, Dimensions: appDimensions(stage) }, Period: 300, Stat: 'Sum' });

    expect(props.Metrics).toEqual([
      { Id: 'expr_1', Expression: '100 * FILL(errors, 0) / requests', Label: '5xx rate (%)', ReturnData: true },
      { Id: 'errors', MetricStat: stat(METRICS.serverErrors.cloudwatch), ReturnData: false },
      { Id: 'requests', MetricStat: stat(METRICS.requests.cloudwatch), ReturnData: false },
    ]);
    expect(props.Threshold).toBe(threshold('ServerErrorRate'));
    expect([props.EvaluationPeriods, props.DatapointsToAlarm]).toEqual([1, 1]);
  });

  it('LatencyP99: the API-wide p99 of Latency over 5 minutes, in ms', () => {
    expect(alarm(synth(), stage, 'LatencyP99')).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      MetricName: METRICS.latency.cloudwatch,
      Dimensions: appDimensions(stage),
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: threshold('LatencyP99'),
      EvaluationPeriods: 1,
    });
  });

  it.each([
    ['FunctionErrors', 'Errors'],
    ['FunctionThrottles', 'Throttles'],
  ] as const)('%s: Lambda %s of each route and job function, summed over 5 minutes', (id, metric) => {
    const names = functionNames(synth());
    expect(names.size).toBe(routes.length + jobs.length);
    for (const [fn, name] of names) {
      expect(alarm(synth(), stage, `${id}-${fn}`), fn).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: name }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: threshold(id),
        EvaluationPeriods: 1,
      });
    }
  });

  it.each(['LimiterDegraded', 'StrictMode'] as const)('%s: the gauge on (maximum ≥ 1) in each of `threshold` consecutive minutes', (id) => {
    const minutes = threshold(id);
    expect(alarm(synth(), stage, id)).toMatchObject({
      Namespace: METRIC_NAMESPACE,
      MetricName: METRICS[id === 'LimiterDegraded' ? 'limiterDegraded' : 'strictMode'].cloudwatch,
      Dimensions: appDimensions(stage),
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 1,
      EvaluationPeriods: minutes,
      DatapointsToAlarm: minutes,
    });
  });
});

describe('dashboard', () => {
  const body = () => dashboardBody(onlyResource(tuned.monitoring, 'AWS::CloudWatch::Dashboard')[1]);
  const widget = (title: string) => {
    const found = body().widgets.find((w) => w.properties.title === title);
    expect(found, title).toBeDefined();
    return found!.properties;
  };
  /** The metrics of a graph: plain ones as [namespace, name, dims…, options], SEARCH expressions as their text. */
  const series = (title: string) => widget(title).metrics as Array<Array<string | Record<string, unknown>>>;
  const search = (title: string) => series(title).map((m) => (m[0] as { expression?: string }).expression);

  it('is named after the app and stage', () => {
    const [, dashboard] = onlyResource(tuned.monitoring, 'AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardName).toBe('nocturnal-api-tuned');
  });

  it('shows every metric of the catalogue, API-wide or by its label', () => {
    const text = JSON.stringify(body());
    for (const [key, def] of Object.entries(METRICS)) {
      const plain = text.includes(JSON.stringify([METRIC_NAMESPACE, def.cloudwatch, 'service', METRIC_SERVICE, 'stage', 'tuned']).slice(1, -1));
      const searched = text.includes(`MetricName=\\"${def.cloudwatch}\\" service=\\"${METRIC_SERVICE}\\" stage=\\"tuned\\"`);
      expect(plain || searched, key).toBe(true);
    }
  });

  it('draws requests, 4xx/5xx, latency p50 and p99, the gauges, and the alarm thresholds on their graphs', () => {
    expect(series('Requests').map((m) => m[1])).toEqual([METRICS.requests.cloudwatch]);
    expect(series('4xx and 5xx').map((m) => m[1])).toEqual([METRICS.clientErrors.cloudwatch, METRICS.serverErrors.cloudwatch]);
    expect(series('Latency (ms)').map((m) => [m[1], (m.at(-1) as { stat: string }).stat])).toEqual([
      [METRICS.latency.cloudwatch, 'p50'],
      [METRICS.latency.cloudwatch, 'p99'],
    ]);
    expect(widget('Latency (ms)').annotations.horizontal[0].value).toBe(750);
    expect(widget('5xx rate (%)').annotations.horizontal[0].value).toBe(2.5);
    expect(series('Limiter degraded / strict mode (1 = on)').map((m) => [m[1], (m.at(-1) as { stat: string }).stat])).toEqual([
      [METRICS.limiterDegraded.cloudwatch, 'Maximum'],
      [METRICS.strictMode.cloudwatch, 'Maximum'],
    ]);
  });

  it('splits 429s by policy, refusals by reason and cold starts by route, with searches on exactly those dimensions', () => {
    const schema = (label: string) => `{${METRIC_NAMESPACE},${label},service,stage}`;
    expect(search('429s by policy')).toEqual([expect.stringContaining(`${schema('policy')} MetricName="${METRICS.rateLimited.cloudwatch}"`)]);
    expect(search('Revocation refusals by reason')).toEqual([expect.stringContaining(`${schema('reason')} MetricName="${METRICS.revocationRefusals.cloudwatch}"`)]);
    expect(search('Cold starts by route')).toEqual([expect.stringContaining(`${schema('route')} MetricName="${METRICS.coldStarts.cloudwatch}"`)]);
    expect(search('Requests by route')).toEqual([expect.stringContaining(`${schema('route')} MetricName="${METRICS.requests.cloudwatch}"`)]);
  });

  it("graphs Lambda's errors and throttles of every function, labelled by its row, and lists every alarm", () => {
    const ids = [...routes.map((r) => r.id), ...jobs.map((j) => j.id)];
    for (const [title, metric] of [['Lambda errors', 'Errors'], ['Lambda throttles', 'Throttles']]) {
      const lines = series(title!);
      expect(lines.map((m) => [m[0], m[1], m[2]])).toEqual(ids.map(() => ['AWS/Lambda', metric, 'FunctionName']));
      expect(lines.map((m) => (m.at(-1) as { label: string }).label)).toEqual(ids);
    }
    const alarmWidget = body().widgets.find((w) => w.type === 'alarm')!;
    expect(alarmWidget.properties.alarms).toHaveLength(alarms(tuned).size);
  });
});

describe('outputs', () => {
  it('give the topic ARN, the dashboard name and its console URL', () => {
    const outputs = tuned.monitoring.findOutputs('*') as Record<string, { Value: unknown }>;
    const [dashboardId] = onlyResource(tuned.monitoring, 'AWS::CloudWatch::Dashboard');
    expect(outputs.AlarmTopicArn!.Value).toEqual({ Ref: topicId(tuned.monitoring) });
    expect(outputs.DashboardName!.Value).toEqual({ Ref: dashboardId });
    expect(outputs.DashboardUrl!.Value).toBe('https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=nocturnal-api-tuned');
  });
});
