import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A minimal but well-formed API Gateway HTTP API (payload 2.0) event. */
export function v2Event(opts: {
  method?: string;
  path?: string;
  routeKey?: string;
  headers?: Record<string, string>;
  body?: string;
  query?: Record<string, string>;
  params?: Record<string, string>;
  sourceIp?: string;
}): APIGatewayProxyEventV2 {
  const method = opts.method ?? 'GET';
  const path = opts.path ?? '/';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: opts.routeKey ?? `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { host: 'api.example.com', 'user-agent': 'test', ...opts.headers },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    ...(opts.params ? { pathParameters: opts.params } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: opts.sourceIp ?? '203.0.113.7', userAgent: 'test' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: opts.routeKey ?? `${method} ${path}`,
      stage: '$default',
      time: '29/Nov/2026:00:00:00 +0000',
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  };
}
