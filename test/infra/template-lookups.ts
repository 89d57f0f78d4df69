/** Reading synthesised templates: which function serves a route, what another stack imports it as, a dashboard's body. */
import type { Template } from 'aws-cdk-lib/assertions';

export type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

export const resourcesOf = (template: Template, type: string) => Object.entries(template.findResources(type) as Record<string, Resource>);

/** The only resource of `type`, with its logical id. */
export function onlyResource(template: Template, type: string): [string, Resource] {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`${found.length} resources of type ${type}`);
  return found[0]!;
}

/** Route key → logical id of its function, through the route's integration (also for SST's placeholder functions). */
export function routeFunctionIds(api: Template): Map<string, string> {
  const integrations = template(api, 'AWS::ApiGatewayV2::Integration');
  const ids = new Map<string, string>();
  for (const [, route] of resourcesOf(api, 'AWS::ApiGatewayV2::Route')) {
    const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
    ids.set(route.Properties.RouteKey, integrations[integrationId]!.Properties.IntegrationUri['Fn::GetAtt'][0]);
  }
  return ids;
}

/** What a stack that uses `logicalId` of `template` writes for its name: the `Fn::ImportValue` of its export. */
export function importOf(template: Template, logicalId: string): { 'Fn::ImportValue': string } {
  const outputs = Object.values(template.findOutputs('*') as Record<string, { Value: any; Export?: { Name: string } }>);
  const exported = outputs.find((o) => o.Export && o.Value?.Ref === logicalId);
  if (!exported) throw new Error(`${logicalId} is not exported`);
  return { 'Fn::ImportValue': exported.Export!.Name };
}

/** A dashboard's body as JSON, each token (a reference) replaced by a marker. */
export function dashboardBody(dashboard: Resource): { widgets: Array<{ type: string; properties: Record<string, any> }> } {
  const body = dashboard.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : (body['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : '<token>')).join('');
  return JSON.parse(text);
}

const template = (t: Template, type: string) => t.findResources(type) as Record<string, Resource>;
