import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { use, type StackContext } from 'sst/constructs';
import { routeKey, routes } from '../packages/functions/src/routes';
import { Api } from './Api';
import { Jobs } from './Jobs';
import { createAlarms, type AppFunction } from './monitoring/alarms';
import { createDashboard } from './monitoring/dashboard';
import { deploySettings } from './settings';

/**
 * Alarms from the alert table, on the functions' EMF metrics and on Lambda's
 * own, all notifying one SNS topic (mailed to `ALARM_EMAIL` when given), and
 * the stage's dashboard.
 */
export function Monitoring({ stack, app }: StackContext) {
  const { alarms: settings } = deploySettings(app.stage);
  const { api } = use(Api);
  const { functions: jobFunctions } = use(Jobs);
  const functions: AppFunction[] = [
    ...routes.map((r) => {
      const fn = api.getFunction(routeKey(r));
      if (!fn) throw new Error(`route ${r.id} has no function`);
      return { id: r.id, fn };
    }),
    ...jobFunctions,
  ];
  const prefix = `${app.name}-${app.stage}`;

  const topic = new Topic(stack, 'Alarms', { displayName: `${prefix} alarms` });
  if (settings.email) topic.addSubscription(new EmailSubscription(settings.email));
  const alarms = createAlarms(stack, { prefix, stage: app.stage, thresholds: settings.thresholds, functions, topic });
  const dashboard = createDashboard(stack, { prefix, stage: app.stage, thresholds: settings.thresholds, functions, alarms });

  stack.addOutputs({
    AlarmTopicArn: topic.topicArn,
    DashboardName: dashboard.dashboardName,
    DashboardUrl: `https://${stack.region}.console.aws.amazon.com/cloudwatch/home?region=${stack.region}#dashboards:name=${prefix}`,
  });
  return { topic, alarms, dashboard };
}
