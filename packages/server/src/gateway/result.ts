/**
 * Writes a Lambda result back as API Gateway does with payload 2.0: a result
 * with `statusCode` is used as is (headers, cookies, base64 bodies); anything
 * else is taken as the body of a 200 JSON response. A `Set-Cookie` in
 * `headers` and the `cookies` list are both sent, header first.
 *
 * @example
 * writeResult(res, { statusCode: 204, headers: { 'set-cookie': 'a=1' }, cookies: ['b=2'] });
 * // Set-Cookie: a=1
 * // Set-Cookie: b=2
 */
import type { ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export function writeResult(res: ServerResponse, result: unknown, headOnly = false): void {
  const structured = normalise(result);
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (structured.cookies?.length) {
    const fromHeaders = headers['set-cookie'];
    headers['set-cookie'] = [...(fromHeaders === undefined ? [] : [String(fromHeaders)]), ...structured.cookies];
  }
  const body =
    structured.body === undefined
      ? Buffer.alloc(0)
      : structured.isBase64Encoded
        ? Buffer.from(structured.body, 'base64')
        : Buffer.from(structured.body, 'utf8');
  headers['content-length'] = String(body.length);
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(headOnly ? undefined : body);
}

function normalise(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (result && typeof result === 'object' && 'statusCode' in result) return result as APIGatewayProxyStructuredResultV2;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result ?? null),
  };
}
