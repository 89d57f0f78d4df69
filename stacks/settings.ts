/**
 * Per-stage deploy settings. Only non-secret values live here; secrets are
 * `Config.Secret`s set with `npx sst secrets set NAME value --stage STAGE`.
 * Deploy-time overrides come from the deploying shell (`CORS_ORIGINS=... npx sst deploy`).
 * A setting that is malformed, or that contradicts another, fails the deploy
 * before anything is built, naming the setting.
 */
import { ALERTS, alertThreshold, type AlertDef, type AlertId } from '../packages/core/src/observability/alerts';
import { apiDomainOf, type ApiDomain } from './domain-settings';

export type { ApiDomain } from './domain-settings';

export interface DeploySettings {
  /** Keep data (bucket, logs) when the stage is removed. */
  retain: boolean;
  /** Origins that may call the API and PUT/GET the bucket from a browser. */
  corsOrigins: string[];
  /** Plain settings every function gets (read by the typed config). */
  environment: Record<string, string>;
  alarms: {
    /** Each alert's threshold: its setting (`ALARM_*`) when given, else the alert table's default. */
    thresholds: Record<AlertId, number>;
    /** `ALARM_EMAIL`: subscribed to the alarm topic (the address must confirm the subscription). */
    email?: string;
  };
  /** `API_DOMAIN` and how its certificate and DNS are provided; undefined: the API Gateway URL only. */
  domain?: ApiDomain;
}

// Deliberately loose (one @, a dot in the domain, no spaces): SNS sends a confirmation mail, which is the real check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The settings of a deploy of `stage`, from the deploying shell's environment.
 *
 * @example
 * deploySettings('prod', { ALARM_EMAIL: 'ops@example.com', API_DOMAIN: 'api.example.com', API_HOSTED_ZONE: 'example.com' });
 */
export function deploySettings(stage: string, env: Record<string, string | undefined> = process.env): DeploySettings {
  const prod = stage === 'prod';
  const corsOrigins = (env.CORS_ORIGINS ?? (prod ? '' : 'http://localhost:3000'))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const email = env.ALARM_EMAIL?.trim() || undefined;
  if (email !== undefined && !EMAIL.test(email)) throw new Error(`ALARM_EMAIL: expected an email address, got "${email}"`);
  const thresholds = Object.fromEntries(ALERTS.map((alert) => [alert.id, alarmThreshold(alert, env)])) as Record<AlertId, number>;
  return {
    retain: prod,
    corsOrigins,
    environment: {
      LOG_LEVEL: prod ? 'info' : 'debug',
      CORS_ORIGINS: corsOrigins.join(','),
    },
    alarms: { thresholds, ...(email ? { email } : {}) },
    domain: apiDomainOf(env),
  };
}

/** {@link alertThreshold}, and a whole number of minutes where the threshold counts 1-minute periods (CloudWatch's evaluation periods). */
function alarmThreshold(alert: AlertDef, env: Record<string, string | undefined>): number {
  const value = alertThreshold(alert, env);
  if (alert.unit === 'minutes' && (!Number.isInteger(value) || value * alert.periodMinutes > 1440)) {
    throw new Error(`${alert.setting}: expected a whole number of minutes from 1 to ${1440 / alert.periodMinutes}, got "${env[alert.setting]}"`);
  }
  return value;
}
