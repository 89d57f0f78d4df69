/**
 * One SSM `GetParameters` call (decrypted), signed with {@link signRequest}
 * and sent with `fetch`; the caller's `signal` bounds it whatever the
 * endpoint does (refuses, accepts and never answers, answers slowly).
 *
 * @example
 * const { values, invalid } = await getParameters(['/sst/app/prod/Secret/MONGODB_URI/value'],
 *   { region: 'us-east-1', credentials, signal: AbortSignal.timeout(2_500) });
 */
import { signRequest, type Credentials } from './sigv4';

export interface SsmTarget {
  region: string;
  credentials: Credentials;
  /** Default `https://ssm.<region>.amazonaws.com` (`AWS_ENDPOINT_URL_SSM` overrides it, as in the AWS SDKs). */
  endpoint?: string;
  signal: AbortSignal;
}

export interface Parameters {
  values: Record<string, string>;
  /** Names SSM does not have. */
  invalid: string[];
}

/** SSM takes at most 10 names per call. */
const MAX_NAMES = 10;

export async function getParameters(names: readonly string[], target: SsmTarget): Promise<Parameters> {
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += MAX_NAMES) chunks.push(names.slice(i, i + MAX_NAMES));
  const results = await Promise.all(chunks.map((chunk) => getChunk(chunk, target)));
  return {
    values: Object.assign({}, ...results.map((r) => r.values)),
    invalid: results.flatMap((r) => r.invalid),
  };
}

async function getChunk(names: string[], target: SsmTarget): Promise<Parameters> {
  const url = new URL(target.endpoint ?? defaultEndpoint(target.region));
  const body = JSON.stringify({ Names: names, WithDecryption: true });
  const headers = signRequest(
    { method: 'POST', url, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameters' }, body },
    { credentials: target.credentials, region: target.region, service: 'ssm' },
  );
  // `host` is set by fetch itself from the URL (it is signed with the same value).
  const { host: _host, ...sent } = headers;
  const response = await fetch(url, { method: 'POST', headers: sent, body, signal: target.signal });
  const text = await response.text();
  const parsed = safeJson(text) as { Parameters?: Array<{ Name: string; Value: string }>; InvalidParameters?: string[]; __type?: string; message?: string };
  if (!response.ok) {
    const type = parsed?.__type?.split('#').pop() ?? `HTTP ${response.status}`;
    throw new Error(`SSM GetParameters failed: ${type}${parsed?.message ? ` (${parsed.message})` : ''}`);
  }
  return {
    values: Object.fromEntries((parsed?.Parameters ?? []).map((p) => [p.Name, p.Value])),
    invalid: parsed?.InvalidParameters ?? [],
  };
}

function defaultEndpoint(region: string): string {
  return `https://ssm.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
