/**
 * The Api stack's custom domain, for each way of giving it, synthesised
 * without bundling (synthesizeWiring): in a Route 53 zone given by id, in a
 * zone looked up by name (the lookup's answer given as CDK context, as
 * `cdk.context.json` would hold it), on a domain whose DNS is elsewhere
 * (an ACM certificate ARN), and none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { synthesizeWiring, type Synth } from '../helpers/synth';
import { onlyResource, resourcesOf } from './template-lookups';

const DOMAIN = { API_DOMAIN: 'api.example.com', API_HOSTED_ZONE: 'example.com' };
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
// What HostedZone.fromLookup caches for example.com in this account and region.
const LOOKUP = { 'hosted-zone:account=123456789012:domainName=example.com:region=us-east-1': { Id: '/hostedzone/ZLOOKEDUP123', Name: 'example.com.' } };

async function withSettings<T>(settings: Record<string, string>, run: () => Promise<T>): Promise<T> {
  Object.assign(process.env, settings);
  try {
    return await run();
  } finally {
    for (const name of Object.keys(settings)) delete process.env[name];
  }
}

let synths: Record<'zoneById' | 'zoneByName' | 'external' | 'none', Synth>;

beforeAll(async () => {
  // One after the other: a synthesis is one SST app per process at a time.
  const zoneById = await withSettings({ ...DOMAIN, API_HOSTED_ZONE_ID: 'Z0123456789ABC' }, () => synthesizeWiring('zoneid'));
  const zoneByName = await withSettings(DOMAIN, () => synthesizeWiring('zonename', { context: LOOKUP }));
  const external = await withSettings({ API_DOMAIN: 'api.example.org', API_CERTIFICATE_ARN: CERTIFICATE_ARN }, () => synthesizeWiring('external'));
  synths = { zoneById, zoneByName, external, none: await synthesizeWiring('nodomain') };
}, 300_000);

const apiId = (api: Template) => onlyResource(api, 'AWS::ApiGatewayV2::Api')[0];
const outputs = (api: Template) => api.findOutputs('*') as Record<string, { Value: unknown }>;

/** The domain, its mapping to the API's default stage, and its certificate reference. */
function assertDomain(api: Template, name: string, certificateArn: unknown) {
  const [domainId, domain] = onlyResource(api, 'AWS::ApiGatewayV2::DomainName');
  expect(domain.Properties.DomainName).toBe(name);
  expect(domain.Properties.DomainNameConfigurations).toEqual([{ CertificateArn: certificateArn, EndpointType: 'REGIONAL' }]);
  const [, mapping] = onlyResource(api, 'AWS::ApiGatewayV2::ApiMapping');
  expect(mapping.Properties).toEqual({ ApiId: { Ref: apiId(api) }, DomainName: { Ref: domainId }, Stage: '$default' });
  expect(outputs(api).ApiCustomDomainUrl!.Value).toBe(`https://${name}`);
  return domainId;
}

/** A and AAAA alias records of the domain in the zone, to the domain's regional endpoint. */
function assertRecords(api: Template, domainId: string, zoneId: string) {
  const records = resourcesOf(api, 'AWS::Route53::RecordSet').map(([, r]) => r.Properties);
  expect(records.map((r) => r.Type).sort()).toEqual(['A', 'AAAA']);
  for (const record of records) {
    expect(record).toEqual({
      Name: 'api.example.com.',
      Type: record.Type,
      HostedZoneId: zoneId,
      AliasTarget: { DNSName: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] }, HostedZoneId: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] } },
    });
  }
}

/** The certificate SST creates for the domain, validated by DNS in the zone. */
function assertCreatedCertificate(api: Template, zoneId: string) {
  const [certificateId, certificate] = onlyResource(api, 'AWS::CertificateManager::Certificate');
  expect(certificate.Properties).toMatchObject({
    DomainName: 'api.example.com',
    ValidationMethod: 'DNS',
    DomainValidationOptions: [{ DomainName: 'api.example.com', HostedZoneId: zoneId }],
  });
  return { Ref: certificateId };
}

describe('custom domain', () => {
  it('API_HOSTED_ZONE with its id: a certificate validated in the zone, the domain mapped to the API, A and AAAA aliases, no lookup', () => {
    const { api } = synths.zoneById;
    const domainId = assertDomain(api, 'api.example.com', assertCreatedCertificate(api, 'Z0123456789ABC'));
    assertRecords(api, domainId, 'Z0123456789ABC');
    expect(outputs(api).ApiDomainTarget).toBeUndefined();
  });

  it('API_HOSTED_ZONE by name: the zone SST looked up', () => {
    const { api } = synths.zoneByName;
    const domainId = assertDomain(api, 'api.example.com', assertCreatedCertificate(api, 'ZLOOKEDUP123'));
    assertRecords(api, domainId, 'ZLOOKEDUP123');
  });

  it('API_CERTIFICATE_ARN: the domain on that certificate, no certificate or DNS record created, the CNAME target as an output', () => {
    const { api } = synths.external;
    const domainId = assertDomain(api, 'api.example.org', CERTIFICATE_ARN);
    expect(resourcesOf(api, 'AWS::CertificateManager::Certificate')).toEqual([]);
    expect(resourcesOf(api, 'AWS::Route53::RecordSet')).toEqual([]);
    expect(outputs(api).ApiDomainTarget!.Value).toEqual({ 'Fn::GetAtt': [domainId, 'RegionalDomainName'] });
  });

  it('no API_DOMAIN: only the API Gateway URL', () => {
    const { api } = synths.none;
    for (const type of ['AWS::ApiGatewayV2::DomainName', 'AWS::ApiGatewayV2::ApiMapping', 'AWS::CertificateManager::Certificate', 'AWS::Route53::RecordSet']) {
      expect(resourcesOf(api, type), type).toEqual([]);
    }
    expect(Object.keys(outputs(api))).toEqual(expect.arrayContaining(['ApiUrl']));
    expect(outputs(api).ApiCustomDomainUrl).toBeUndefined();
  });

  it("refuses a certificate outside the API's region, at synthesis", async () => {
    const arn = CERTIFICATE_ARN.replace('us-east-1', 'eu-west-1');
    await expect(withSettings({ API_DOMAIN: 'api.example.org', API_CERTIFICATE_ARN: arn }, () => synthesizeWiring('otherregion'))).rejects.toThrow(
      "API_CERTIFICATE_ARN: the certificate is in eu-west-1; the API's domain needs one in us-east-1",
    );
  });
});
