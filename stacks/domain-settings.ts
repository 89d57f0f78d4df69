/**
 * The API's custom domain, from deploy settings. Two ways to give it:
 *
 * - `API_DOMAIN` + `API_HOSTED_ZONE`: the zone is in Route 53; SST creates the
 *   ACM certificate, validates it by DNS in that zone and adds the A/AAAA alias
 *   records. With `API_HOSTED_ZONE_ID` too, the zone is referenced by id and
 *   the synthesis asks AWS nothing; without it, SST looks the zone up by name
 *   while synthesising (which `sst deploy` can, with its credentials).
 * - `API_DOMAIN` + `API_CERTIFICATE_ARN`: DNS is elsewhere; the certificate is
 *   an ACM certificate in the API's region, and the operator points a CNAME at
 *   the domain's regional target (the `ApiDomainTarget` output).
 */
export type ApiDomain =
  | { kind: 'route53'; name: string; zone: string; zoneId?: string }
  | { kind: 'external'; name: string; certificateArn: string };

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;

/**
 * The custom domain the settings describe, or undefined when `API_DOMAIN` is unset.
 * Throws, naming the settings, on a malformed value or an inconsistent combination.
 *
 * @example
 * apiDomainOf({ API_DOMAIN: 'api.example.com', API_HOSTED_ZONE: 'example.com' }); // { kind: 'route53', … }
 */
export function apiDomainOf(env: Record<string, string | undefined>): ApiDomain | undefined {
  const [name, zone, zoneId, certificateArn] = ['API_DOMAIN', 'API_HOSTED_ZONE', 'API_HOSTED_ZONE_ID', 'API_CERTIFICATE_ARN'].map(
    (key) => env[key]?.trim() || undefined,
  );
  if (name === undefined) {
    const stray = ['API_HOSTED_ZONE', 'API_HOSTED_ZONE_ID', 'API_CERTIFICATE_ARN'].filter((key) => env[key]?.trim());
    if (stray.length > 0) throw new Error(`${stray.join(', ')} given without API_DOMAIN: set API_DOMAIN to the API's host name`);
    return undefined;
  }
  if (!HOSTNAME.test(name)) throw new Error(`API_DOMAIN: expected a lower-case host name such as api.example.com, got "${name}"`);
  if (zone !== undefined && certificateArn !== undefined) {
    throw new Error(
      'API_HOSTED_ZONE and API_CERTIFICATE_ARN are both set: give API_HOSTED_ZONE when the domain is in Route 53 (the certificate is created), or API_CERTIFICATE_ARN when its DNS is elsewhere',
    );
  }
  if (zoneId !== undefined && zone === undefined) throw new Error('API_HOSTED_ZONE_ID needs API_HOSTED_ZONE (the zone\'s domain name)');
  if (zone !== undefined) {
    if (!HOSTNAME.test(zone)) throw new Error(`API_HOSTED_ZONE: expected the zone's lower-case domain name such as example.com, got "${zone}"`);
    if (name !== zone && !name.endsWith(`.${zone}`)) throw new Error(`API_DOMAIN "${name}" is not in API_HOSTED_ZONE "${zone}"`);
    if (zoneId !== undefined && !ZONE_ID.test(zoneId)) throw new Error(`API_HOSTED_ZONE_ID: expected a Route 53 zone id such as Z0123456789ABCDEFGHIJ, got "${zoneId}"`);
    return { kind: 'route53', name, zone, ...(zoneId ? { zoneId } : {}) };
  }
  if (certificateArn !== undefined) {
    if (!CERTIFICATE_ARN.test(certificateArn)) {
      throw new Error(`API_CERTIFICATE_ARN: expected an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID), got "${certificateArn}"`);
    }
    return { kind: 'external', name, certificateArn };
  }
  throw new Error('API_DOMAIN needs API_HOSTED_ZONE (its Route 53 zone) or API_CERTIFICATE_ARN (an ACM certificate, when its DNS is elsewhere)');
}

/** The region of an ACM certificate ARN (API Gateway's regional domains need one in the API's region). */
export function certificateRegion(arn: string): string {
  return CERTIFICATE_ARN.exec(arn)?.[1] ?? '';
}
