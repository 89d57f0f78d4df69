/**
 * The response headers the document declares, as zod schemas: one entry per
 * header this API sets itself (CORS and the static security headers are left
 * to their own specs), with the exact shape the middlewares write.
 */
import * as z from 'zod';

const POLICY = '"(auth|api|uploads|loginFailures)"';

export const HEADERS = {
  'X-Request-Id': z.string().min(1).meta({ description: 'The request id; problem documents repeat it as `requestId`. Quote it when reporting an error.' }),
  RateLimit: z.string().regex(new RegExp(`^${POLICY};r=\\d+;t=\\d+$`)).meta({
    description: 'draft-ietf-httpapi-ratelimit-headers: the policy, requests remaining (`r`) and seconds until the window resets (`t`).',
    example: '"api";r=99;t=42',
  }),
  'RateLimit-Policy': z.string().regex(new RegExp(`^${POLICY};q=\\d+;w=\\d+$`)).meta({
    description: 'The policy that counted this request: its quota (`q`) per window of `w` seconds.',
    example: '"api";q=100;w=60',
  }),
  'Retry-After': z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait; never earlier than the window resets.', example: '17' }),
  'WWW-Authenticate': z.string().regex(/^Bearer realm="[^"]*"/).meta({
    description: 'RFC 6750: `Bearer realm="nocturnal-api"` without a token, with `error="invalid_token"` for a bad one, `error="insufficient_scope"` for too low a role.',
  }),
  Allow: z.string().regex(/^[A-Z]+(, [A-Z]+)*$/).meta({ description: 'The methods this path serves.', example: 'DELETE, GET, PATCH' }),
  'Accept-Post': z.string().meta({ description: 'The body type this API accepts.', example: 'application/json' }),
  Location: z.string().regex(/^\//).meta({ description: 'Where the created resource is read.' }),
  'Cache-Control': z.string().meta({ description: 'How long shared caches may keep the answer.' }),
} as const;

export type HeaderName = keyof typeof HEADERS;

const names = Object.keys(HEADERS) as HeaderName[];
const OPTIONAL = Object.fromEntries(names.map((n) => [n, HEADERS[n].optional()])) as { [N in HeaderName]: z.ZodOptional<(typeof HEADERS)[N]> };

/** The header components: each header once as required and once as optional (`<name>.optional`), so responses refer to them. */
export const HEADER_COMPONENTS: Record<string, z.ZodType> = {
  ...HEADERS,
  ...Object.fromEntries(names.map((n) => [`${n}.optional`, OPTIONAL[n]])),
};

/** The headers of one response: `required` ones must be sent, the rest may be. */
export function responseHeaders(required: readonly HeaderName[], optional: readonly HeaderName[] = []) {
  const shape: Record<string, z.ZodType> = {};
  for (const name of required) shape[name] = HEADERS[name];
  for (const name of optional) if (!required.includes(name)) shape[name] = OPTIONAL[name];
  return z.object(shape);
}
