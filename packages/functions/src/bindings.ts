/**
 * Reads this Lambda function's SST bindings from its environment, with no
 * SSM client in the bundle. Every function with secrets is deployed with
 * `prefetchSecrets: true`: at deploy, SST's custom resource writes each bound
 * secret's decrypted value into the function's environment as
 * `SST_Secret_value_<NAME>`, so a cold start reads them without a network call.
 *
 * A value still equal to SST's placeholder `__FETCH_FROM_SSM__` (a cold start
 * in the seconds between CloudFormation updating the function and the
 * prefetcher rewriting its environment) is fetched with one signed SSM
 * `GetParameters` call (the stage's path, then SST's `.fallback` path), all
 * within {@link SECRETS_DEADLINE_MS}. A store that refuses, does not answer or
 * lacks the secret fails the init with one log line naming it; nothing waits
 * longer. Outside Lambda nothing is bound and this returns `{}`, so plain
 * environment variables configure the local gateway and the container server.
 * (Like `sst/node/config` before it, this adapter reads the SST variables;
 * everything else goes through the typed configuration.)
 */
import { ConfigError } from '@nocturnal/core/config';
import { createLogger, type Logger } from '@nocturnal/core/logger';
import { SECRET_NAMES, type SecretName } from '@nocturnal/core/resources';
import { getParameters } from './ssm/get-parameters';

export const SECRET_PREFIX = 'SST_Secret_value_';
/** What SST's `bind` puts in the template for a secret, before a prefetch replaces it. */
export const PLACEHOLDER = '__FETCH_FROM_SSM__';
/** The most the SSM fallback may take, both calls together: the init fails well within 3 s. */
export const SECRETS_DEADLINE_MS = 2_500;

export type Environment = Record<string, string | undefined>;

/** The bound secrets' values; placeholders are fetched from SSM within the deadline, or the init fails naming them. */
export async function resolveBindings(env: Environment, opts: { deadlineMs?: number; log?: Logger } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const pending: SecretName[] = [];
  for (const name of SECRET_NAMES) {
    const value = env[`${SECRET_PREFIX}${name}`];
    if (value === PLACEHOLDER) pending.push(name);
    else if (value !== undefined) out[name] = value;
  }
  if (pending.length === 0) return out;
  const deadlineMs = opts.deadlineMs ?? SECRETS_DEADLINE_MS;
  try {
    return Object.assign(out, await fetchSecrets(pending, env, AbortSignal.timeout(deadlineMs)));
  } catch (error) {
    const secrets = error instanceof MissingSecretsError ? error.names : pending;
    const reason = reasonOf(error, deadlineMs);
    (opts.log ?? createLogger()).error('secrets unavailable', { secrets, reason });
    throw new ConfigError(secrets.map((name) => `${name}: secret unavailable (${reason})`));
  }
}

class MissingSecretsError extends Error {
  constructor(readonly names: SecretName[], stage: string | undefined) {
    super(`not set for stage "${stage}"`);
  }
}

async function fetchSecrets(names: SecretName[], env: Environment, signal: AbortSignal): Promise<Record<string, string>> {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!accessKeyId || !secretAccessKey || !region) throw new Error('no AWS credentials or region in the environment');
  const target = { region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, endpoint: env.AWS_ENDPOINT_URL_SSM ?? env.AWS_ENDPOINT_URL, signal };
  const stagePath = (name: string) => `${env.SST_SSM_PREFIX || `/sst/${env.SST_APP}/${env.SST_STAGE}/`}Secret/${name}/value`;
  const fallbackPath = (name: string) => `/sst/${env.SST_APP}/.fallback/Secret/${name}/value`;
  const out: Record<string, string> = {};
  for (const path of [stagePath, fallbackPath]) {
    const missing = names.filter((n) => !(n in out));
    if (missing.length === 0) break;
    const { values } = await getParameters(missing.map(path), target);
    for (const name of missing) if (values[path(name)] !== undefined) out[name] = values[path(name)]!;
  }
  const absent = names.filter((n) => !(n in out));
  if (absent.length > 0) throw new MissingSecretsError(absent, env.SST_STAGE);
  return out;
}

function reasonOf(error: unknown, deadlineMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `SSM did not answer within ${deadlineMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (error instanceof TypeError && cause) return `SSM unreachable: ${cause.code ?? cause.message}`;
  return error instanceof Error ? error.message : String(error);
}

const bound = await resolveBindings(process.env);

/** The bound secrets of this function, resolved once per cold start (at import). */
export function readBindings(): Record<string, string> {
  return { ...bound };
}
