/**
 * Turns a node:http request into an API Gateway HTTP API (payload 2.0) event,
 * field by field as API Gateway builds it.
 */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { routeKey, type RouteDef } from '@nocturnal/functions/route-types';
import type { Target } from './target';

const TEXT_TYPES = /^(text\/|application\/([\w.+-]*\+)?(json|xml)|application\/javascript|application\/x-www-form-urlencoded)/i;

export interface EventOptions {
  route: RouteDef;
  /** The parsed request target (`parseTarget`). */
  target: Target;
  params: Record<string, string>;
  stage: string;
  sourceIp: string;
  body: Buffer;
  now?: Date;
}

export function toEvent(req: IncomingMessage, opts: EventOptions): APIGatewayProxyEventV2 {
  const { path, rawQueryString, query: search } = opts.target;
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies = [...(cookies ?? []), ...value.split(/;\s*/).filter(Boolean)];
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of search) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = opts.now ?? new Date();
  const hasBody = opts.body.length > 0;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: routeKey(opts.route),
    rawPath: path,
    rawQueryString,
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: opts.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(opts.route),
      stage: opts.stage,
      time: formatTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: hasBody && !isText,
  };
  if (cookies) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(opts.params).length > 0) event.pathParameters = opts.params;
  if (hasBody) event.body = isText ? opts.body.toString('utf8') : opts.body.toString('base64');
  return event;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
function formatTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
