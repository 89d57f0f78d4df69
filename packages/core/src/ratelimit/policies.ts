import type { Config } from '../config';
import type { Policy, PolicyName } from './types';

/**
 * The configured policies, and their strict variants: under attack every
 * limit is multiplied by the strict factor (never below 1).
 *
 * @example
 * const policy = policyFor(resolvePolicies(config), 'api', true);
 */
export type Policies = Record<PolicyName, Policy>;

export function resolvePolicies(config: Pick<Config, 'RATE_LIMIT_AUTH' | 'RATE_LIMIT_API' | 'RATE_LIMIT_UPLOADS' | 'RATE_LIMIT_LOGIN_FAILURES'>): Policies {
  return {
    auth: { name: 'auth', ...config.RATE_LIMIT_AUTH },
    api: { name: 'api', ...config.RATE_LIMIT_API },
    uploads: { name: 'uploads', ...config.RATE_LIMIT_UPLOADS },
    loginFailures: { name: 'loginFailures', ...config.RATE_LIMIT_LOGIN_FAILURES },
  };
}

export function policyFor(policies: Policies, name: PolicyName, strict: boolean, strictFactor = 1): Policy {
  const policy = policies[name];
  if (!strict) return policy;
  return { ...policy, limit: Math.max(1, Math.floor(policy.limit * strictFactor)) };
}
