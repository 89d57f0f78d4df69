import type { ChainMiddleware, ChainRequest } from '../request-state';

export interface CorsOptions {
  /** Allowed origins; `*` allows any. Empty: no CORS headers at all. */
  origins: readonly string[];
}

export const CORS_ALLOW_METHODS = 'GET,POST,PUT,PATCH,DELETE,OPTIONS';
export const CORS_ALLOW_HEADERS = 'authorization,content-type,x-request-id';
export const CORS_EXPOSE_HEADERS = 'ratelimit,ratelimit-policy,retry-after,x-request-id,www-authenticate,location';

/** The `Access-Control-Allow-Origin` value for this origin, or undefined when not allowed. */
export function allowedOrigin(origin: string | undefined, opts: CorsOptions): string | undefined {
  if (!origin) return undefined;
  if (opts.origins.includes('*')) return '*';
  return opts.origins.includes(origin) ? origin : undefined;
}

/** Headers of a preflight answer (`OPTIONS` with `Access-Control-Request-Method`). */
export function preflightHeaders(origin: string | undefined, opts: CorsOptions): Record<string, string> | undefined {
  const allow = allowedOrigin(origin, opts);
  if (!allow) return undefined;
  return {
    'access-control-allow-origin': allow,
    'access-control-allow-methods': CORS_ALLOW_METHODS,
    'access-control-allow-headers': CORS_ALLOW_HEADERS,
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Adds CORS headers to every response (success or problem) for allowed origins. */
export function cors(opts: CorsOptions): ChainMiddleware {
  const corsApply = (request: ChainRequest) => {
    if (!request.response) return;
    const allow = allowedOrigin(request.event.headers?.origin, opts);
    if (!allow) return;
    request.response.headers = {
      ...request.response.headers,
      'access-control-allow-origin': allow,
      'access-control-expose-headers': CORS_EXPOSE_HEADERS,
      vary: 'Origin',
    };
  };
  return { after: corsApply, onError: corsApply };
}
