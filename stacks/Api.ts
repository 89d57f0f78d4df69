import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import { Api as HttpApi, use, type ApiProps, type Stack, type StackContext } from 'sst/constructs';
import { routeKey, routes } from '../packages/functions/src/routes';
import { certificateRegion } from './domain-settings';
import { functionProps } from './functions';
import { deploySettings, type ApiDomain } from './settings';
import { Storage } from './Storage';

/**
 * The HTTP API, generated from the route table: one function per route, each
 * bound only to what it declares; on the custom domain of the deploy settings
 * when one is given.
 */
export function Api({ stack, app }: StackContext) {
  const storage = use(Storage);
  const { bucket } = storage;
  const { domain } = deploySettings(app.stage);

  const api = new HttpApi(stack, 'Api', {
    // CORS is answered by the middy chain (and the $default route for preflights),
    // identically in all three runtimes.
    cors: false,
    accessLog: { retention: 'one_month' },
    defaults: { throttle: { rate: 500, burst: 1000 } },
    ...(domain ? { customDomain: customDomainOf(stack, domain) } : {}),
    routes: Object.fromEntries(routes.map((r) => [routeKey(r), { function: functionProps(r, storage) }])),
  });

  stack.addOutputs({ ApiUrl: api.url, BucketName: bucket.bucketName });
  if (api.customDomainUrl) stack.addOutputs({ ApiCustomDomainUrl: api.customDomainUrl });
  // DNS elsewhere: the CNAME target the operator adds at their DNS provider.
  if (domain?.kind === 'external') stack.addOutputs({ ApiDomainTarget: api.cdk.domainName!.regionalDomainName });
  return { api };
}

/**
 * SST's `customDomain` for the settings' domain. A Route 53 zone given by id is
 * referenced, not looked up, so synthesis needs no AWS call; by name only, SST
 * looks it up (`HostedZone.fromLookup`). An external domain brings its own
 * certificate, which must be in the API's region (a regional API Gateway domain).
 */
function customDomainOf(stack: Stack, domain: ApiDomain): NonNullable<ApiProps['customDomain']> {
  if (domain.kind === 'external') {
    const region = certificateRegion(domain.certificateArn);
    if (region !== stack.region) throw new Error(`API_CERTIFICATE_ARN: the certificate is in ${region}; the API's domain needs one in ${stack.region}`);
    return { domainName: domain.name, isExternalDomain: true, cdk: { certificate: Certificate.fromCertificateArn(stack, 'ApiCertificate', domain.certificateArn) } };
  }
  if (domain.zoneId) {
    const hostedZone = HostedZone.fromHostedZoneAttributes(stack, 'ApiHostedZone', { hostedZoneId: domain.zoneId, zoneName: domain.zone });
    return { domainName: domain.name, cdk: { hostedZone } };
  }
  return { domainName: domain.name, hostedZone: domain.zone };
}
