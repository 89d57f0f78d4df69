/**
 * The deploy settings (stacks/settings.ts): thresholds from the alert table,
 * ALARM_EMAIL, and the custom domain's combinations, each refused with an
 * error naming the settings when it is malformed or inconsistent.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ALERTS } from '../../packages/core/src/observability/alerts';
import { deploySettings } from '../../stacks/settings';

const ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

describe('alarm settings', () => {
  it('default every threshold to the alert table, and give no email', () => {
    const { alarms } = deploySettings('dev', {});
    expect(alarms.thresholds).toEqual(Object.fromEntries(ALERTS.map((a) => [a.id, a.threshold])));
    expect(alarms.email).toBeUndefined();
  });

  it('take each threshold from its setting', () => {
    const env = Object.fromEntries(ALERTS.map((a, i) => [a.setting, String(i + 2)]));
    expect(deploySettings('dev', env).alarms.thresholds).toEqual(Object.fromEntries(ALERTS.map((a, i) => [a.id, i + 2])));
  });

  it.each(['0', '-1', 'ten'])('refuse a threshold of %s, naming the setting', (value) => {
    expect(() => deploySettings('dev', { ALARM_P99_LATENCY_MS: value })).toThrow(`ALARM_P99_LATENCY_MS: expected a positive number, got "${value}"`);
  });

  it.each(['1.5', '1441'])('refuse %s minutes for a gauge alarm (whole 1-minute periods, at most a day)', (value) => {
    expect(() => deploySettings('dev', { ALARM_LIMITER_DEGRADED_MINUTES: value })).toThrow('ALARM_LIMITER_DEGRADED_MINUTES: expected a whole number of minutes from 1 to 1440');
  });

  it('take ALARM_EMAIL, trimmed; an empty one is none', () => {
    expect(deploySettings('dev', { ALARM_EMAIL: ' ops@example.com ' }).alarms.email).toBe('ops@example.com');
    expect(deploySettings('dev', { ALARM_EMAIL: '' }).alarms.email).toBeUndefined();
  });

  it.each(['ops', 'ops@example', 'ops @example.com', 'a@b@c.com'])('refuse ALARM_EMAIL=%s', (value) => {
    expect(() => deploySettings('dev', { ALARM_EMAIL: value })).toThrow('ALARM_EMAIL: expected an email address');
  });
});

describe('custom domain settings', () => {
  it('none without API_DOMAIN', () => {
    expect(deploySettings('dev', {}).domain).toBeUndefined();
  });

  it('a Route 53 zone, by name or with its id', () => {
    expect(deploySettings('dev', { API_DOMAIN: 'api.example.com', API_HOSTED_ZONE: 'example.com' }).domain).toEqual({
      kind: 'route53',
      name: 'api.example.com',
      zone: 'example.com',
    });
    expect(deploySettings('dev', { API_DOMAIN: 'example.com', API_HOSTED_ZONE: 'example.com', API_HOSTED_ZONE_ID: 'Z0123456789ABC' }).domain).toEqual({
      kind: 'route53',
      name: 'example.com',
      zone: 'example.com',
      zoneId: 'Z0123456789ABC',
    });
  });

  it('an external domain with its certificate', () => {
    expect(deploySettings('dev', { API_DOMAIN: 'api.example.org', API_CERTIFICATE_ARN: ARN }).domain).toEqual({ kind: 'external', name: 'api.example.org', certificateArn: ARN });
  });

  it.each([
    [{ API_HOSTED_ZONE: 'example.com' }, 'API_HOSTED_ZONE given without API_DOMAIN'],
    [{ API_CERTIFICATE_ARN: ARN }, 'API_CERTIFICATE_ARN given without API_DOMAIN'],
    [{ API_DOMAIN: 'api.example.com' }, 'API_DOMAIN needs API_HOSTED_ZONE (its Route 53 zone) or API_CERTIFICATE_ARN'],
    [{ API_DOMAIN: 'api.example.com', API_HOSTED_ZONE: 'example.com', API_CERTIFICATE_ARN: ARN }, 'API_HOSTED_ZONE and API_CERTIFICATE_ARN are both set'],
    [{ API_DOMAIN: 'api.example.com', API_HOSTED_ZONE_ID: 'Z0123456789ABC' }, 'API_HOSTED_ZONE_ID needs API_HOSTED_ZONE'],
    [{ API_DOMAIN: 'api.example.com', API_HOSTED_ZONE: 'example.org' }, 'API_DOMAIN "api.example.com" is not in API_HOSTED_ZONE "example.org"'],
    [{ API_DOMAIN: 'api.notexample.com', API_HOSTED_ZONE: 'example.com' }, 'API_DOMAIN "api.notexample.com" is not in API_HOSTED_ZONE "example.com"'],
    [{ API_DOMAIN: 'API.example.com', API_HOSTED_ZONE: 'example.com' }, 'API_DOMAIN: expected a lower-case host name'],
    [{ API_DOMAIN: 'https://api.example.com', API_HOSTED_ZONE: 'example.com' }, 'API_DOMAIN: expected a lower-case host name'],
    [{ API_DOMAIN: 'api.example.com', API_HOSTED_ZONE: 'example.com', API_HOSTED_ZONE_ID: '/hostedzone/Z1' }, 'API_HOSTED_ZONE_ID: expected a Route 53 zone id'],
    [{ API_DOMAIN: 'api.example.org', API_CERTIFICATE_ARN: 'arn:aws:iam::123456789012:server-certificate/x' }, 'API_CERTIFICATE_ARN: expected an ACM certificate ARN'],
  ])('refuse %o', (env, message) => {
    expect(() => deploySettings('dev', env)).toThrow(message);
  });
});

describe('.env.example', () => {
  it('documents every alarm setting with its default, and the domain settings', async () => {
    const example = await readFile('.env.example', 'utf8');
    for (const alert of ALERTS) expect(example, alert.setting).toMatch(new RegExp(`^# ${alert.setting}=${alert.threshold}$`, 'm'));
    for (const name of ['ALARM_EMAIL', 'API_DOMAIN', 'API_HOSTED_ZONE', 'API_HOSTED_ZONE_ID', 'API_CERTIFICATE_ARN']) expect(example, name).toMatch(new RegExp(`^# ${name}=\\S+$`, 'm'));
  });
});
