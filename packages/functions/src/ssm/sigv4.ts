/**
 * AWS Signature Version 4 for one request, with `node:crypto` only: what the
 * bounded SSM fallback needs, without the AWS SDK in every bundle.
 *
 * @example
 * const headers = signRequest({ method: 'POST', url: new URL('https://ssm.us-east-1.amazonaws.com/'),
 *   headers: { 'content-type': 'application/x-amz-json-1.1' }, body }, { credentials, region: 'us-east-1', service: 'ssm' });
 */
import { createHash, createHmac } from 'node:crypto';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface UnsignedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface SigningScope {
  credentials: Credentials;
  region: string;
  service: string;
  /** The signing time; tests pin it. */
  now?: Date;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The request's headers plus `host`, `x-amz-date`, `x-amz-security-token` and `authorization` (names lower-case). */
export function signRequest(req: UnsignedRequest, scope: SigningScope): Record<string, string> {
  const amzDate = (scope.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { host: req.url.host, 'x-amz-date': amzDate };
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value;
  if (scope.credentials.sessionToken) headers['x-amz-security-token'] = scope.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonical = [
    req.method.toUpperCase(),
    req.url.pathname || '/',
    canonicalQuery(req.url.searchParams),
    names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders,
    sha256(req.body),
  ].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, credentialScope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${scope.credentials.secretAccessKey}`, day), scope.region), scope.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  headers.authorization = `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

// RFC 3986 encoding, pairs sorted by key then value.
function canonicalQuery(params: URLSearchParams): string {
  const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [...params]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}
