import type { ChainMiddleware, ChainRequest } from '../request-state';

/** Headers every API response carries; a handler may still set its own `cache-control`. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

export function securityHeaders(): ChainMiddleware {
  const securityHeadersApply = (request: ChainRequest) => {
    if (!request.response) return;
    request.response.headers = { ...SECURITY_HEADERS, ...request.response.headers };
  };
  return { after: securityHeadersApply, onError: securityHeadersApply };
}
