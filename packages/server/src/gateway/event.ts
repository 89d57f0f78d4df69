/**
 * Turns a node:http request into an API Gateway HTTP API (payload 2.0) event,
 * field by field as API Gateway builds it: the headers it adds
 * (`x-forwarded-*`, `x-amzn-trace-id`, `content-length`) and drops
 * (hop-by-hop), cookies split out, base64 for every body that is not text,
 * and ids shaped like real ones. Where the emulator deliberately differs,
 * the README's stand-in limits say so; test/fixtures/apigw holds the real
 * events it is compared with.
 *
 * @example
 * const event = toEvent(req, { route, target: parseTarget(req.url)!, params, stage: '$default', sourceIp: '203.0.113.7', body });
 * event.headers['x-forwarded-for']; // '203.0.113.7'
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { routeKey, type RouteDef } from '@nocturnal/functions/route-types';
import type { Target } from './target';

/** Bodies API Gateway passes as text; everything else (form posts included) arrives base64-encoded. */
const TEXT_TYPES = /^\s*(text\/|application\/([\w.!#$&^-]+\+)?(json|xml)\s*(;|$)|application\/(x-)?javascript\s*(;|$))/i;

/** Connection-level headers that API Gateway does not forward (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-connection']);

/** The account id of every emulated event: twelve digits, as real ones (and the Lambda context's ARN). */
export const LOCAL_ACCOUNT_ID = '000000000000';
/** The api id when the Host is not an execute-api domain: ten lower-case letters and digits, as real ones. */
export const LOCAL_API_ID = 'local0api0';
const EXECUTE_API_HOST = /^([a-z0-9]{10})\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;

export interface EventOptions {
  route: RouteDef;
  /** The parsed request target (`parseTarget`). */
  target: Target;
  params: Record<string, string>;
  stage: string;
  /** The client address; also the `x-forwarded-for` API Gateway sends. */
  sourceIp: string;
  body: Buffer;
  now?: Date;
}

export function toEvent(req: IncomingMessage, opts: EventOptions): APIGatewayProxyEventV2 {
  const { path, rawQueryString, query: search } = opts.target;
  const now = opts.now ?? new Date();
  const { headers, cookies } = readHeaders(req);
  Object.assign(headers, gatewayHeaders(req, headers, opts, now));
  const query: Record<string, string> = {};
  for (const [k, v] of search) query[k] = k in query ? `${query[k]},${v}` : v;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const host = headers.host ?? 'localhost';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: routeKey(opts.route),
    rawPath: path,
    rawQueryString,
    headers,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: EXECUTE_API_HOST.exec(host)?.[1] ?? LOCAL_API_ID,
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: opts.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: requestId(),
      routeKey: routeKey(opts.route),
      stage: opts.stage,
      time: formatTime(now),
      timeEpoch: now.getTime(),
    },
    // As in real events, the flag follows the content type, body or not (a bare GET says true).
    isBase64Encoded: !isText,
  };
  if (cookies) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(opts.params).length > 0) event.pathParameters = opts.params;
  if (opts.body.length > 0) event.body = isText ? opts.body.toString('utf8') : opts.body.toString('base64');
  return event;
}

/** Lower-cased headers, repeated lines joined with `,`, hop-by-hop ones dropped, cookies split out. */
function readHeaders(req: IncomingMessage): { headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (HOP_BY_HOP.has(name)) continue;
    if (name === 'cookie') {
      cookies = [...(cookies ?? []), ...value.split(/;\s*/).filter(Boolean)];
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/**
 * The headers API Gateway sets: the client address, the port and scheme it
 * was reached on (here: this server's socket), the body's length (`0` without
 * one, as real captures show) and an X-Ray trace id unless the client sent one.
 */
function gatewayHeaders(req: IncomingMessage, headers: Record<string, string>, opts: EventOptions, now: Date): Record<string, string> {
  const trace = headers['x-amzn-trace-id'];
  return {
    'content-length': String(opts.body.length),
    'x-amzn-trace-id': trace && /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}/.test(trace) ? trace : traceId(now),
    'x-forwarded-for': opts.sourceIp,
    'x-forwarded-port': String(req.socket.localPort ?? ''),
    'x-forwarded-proto': (req.socket as TLSSocket).encrypted ? 'https' : 'http',
  };
}

/**
 * Random bytes from a pooled buffer: a request takes 23 (its id and its trace
 * id), and one `randomBytes` call per ~178 requests replaces two per request
 * (each a getrandom syscall: ~2 % of a container's CPU under load).
 */
let pool = Buffer.alloc(0);
let used = 0;
function random(bytes: number): Buffer {
  if (used + bytes > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += bytes;
  return pool.subarray(used - bytes, used);
}

/** An X-Ray trace id: `Root=1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>`. */
const traceId = (now: Date): string =>
  `Root=1-${Math.floor(now.getTime() / 1000).toString(16).padStart(8, '0')}-${random(12).toString('hex')}`;

/**
 * API Gateway's short request id: 11 bytes in base64 (`JKJaXmPLvHcESHA=`). The
 * URL-safe alphabet and no `=` padding keep it a single token for logs and headers.
 */
const requestId = (): string => random(11).toString('base64url');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
function formatTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
