/**
 * The request target as API Gateway sees it: a path and a raw query string.
 * An origin-form target (`/a/b?x=1`) is taken as it is, so `//x/y` is the path
 * `//x/y` (never the host `x`); an absolute-form target (`http://host/a`,
 * which HTTP/1.1 servers must accept) gives its path. Anything else, or a
 * target the URL parser refuses, is `undefined`: the gateway answers 400.
 *
 * @example
 * parseTarget('//x/api/v1/users/me?a=1'); // { path: '//x/api/v1/users/me', rawQueryString: 'a=1', … }
 * parseTarget('http://[::1/health'); // undefined
 */
export interface Target {
  path: string;
  rawQueryString: string;
  query: URLSearchParams;
}

const ORIGIN = 'http://gateway.local';

export function parseTarget(raw: string | undefined): Target | undefined {
  if (!raw) return undefined;
  let originForm = raw;
  if (!raw.startsWith('/')) {
    const absolute = /^https?:\/\//i.test(raw) ? tryUrl(raw) : undefined;
    if (!absolute) return undefined;
    originForm = absolute.pathname + absolute.search;
  }
  const q = originForm.indexOf('?');
  const rawQueryString = q === -1 ? '' : originForm.slice(q + 1);
  // Appended to a fixed origin, never resolved against it: a leading `//` stays in the path.
  const url = tryUrl(ORIGIN + (q === -1 ? originForm : originForm.slice(0, q)) + (q === -1 ? '' : `?${rawQueryString}`));
  if (!url || url.origin !== ORIGIN) return undefined;
  return { path: url.pathname, rawQueryString, query: url.searchParams };
}

function tryUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
