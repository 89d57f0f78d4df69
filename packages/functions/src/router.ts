/**
 * Matches a request against the route table as API Gateway HTTP APIs do:
 * exact method before `ANY`, literal segments before `{param}`, `{param}`
 * before a greedy `{proxy+}`, and `$default` last.
 */
import type { RouteDef } from './route-types';

export interface Match {
  route: RouteDef;
  params: Record<string, string>;
}

interface Compiled {
  route: RouteDef;
  regex: RegExp;
  names: string[];
  score: number;
}

export function createRouter(routes: readonly RouteDef[]): (method: string, path: string) => Match | undefined {
  const compiled = routes.filter((r) => r.path !== '$default').map(compile).sort((a, b) => b.score - a.score);
  const fallback = routes.find((r) => r.path === '$default');
  return (method, path) => {
    for (const c of compiled) {
      if (c.route.method !== method && c.route.method !== 'ANY') continue;
      const m = c.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1]!);
      });
      return { route: c.route, params };
    }
    return fallback ? { route: fallback, params: {} } : undefined;
  };
}

/**
 * The methods the table serves on `path` (its rows' methods, `$default`
 * aside), for a 405's `Allow`; empty when no row has that path.
 *
 * @example
 * allowedMethods(routes, '/api/v1/users/me'); // ['DELETE', 'GET', 'PATCH']
 */
export function allowedMethods(routes: readonly RouteDef[], path: string): string[] {
  const methods = routes.filter((r) => r.path !== '$default' && compile(r).regex.test(path)).map((r) => r.method);
  return [...new Set(methods)].sort();
}

function compile(route: RouteDef): Compiled {
  const names: string[] = [];
  let score = 0;
  const segments = route.path.split('/').filter(Boolean);
  const pattern = segments
    .map((seg) => {
      const greedy = /^\{(\w+)\+\}$/.exec(seg);
      if (greedy) {
        names.push(greedy[1]!);
        return '/(.+)';
      }
      const param = /^\{(\w+)\}$/.exec(seg);
      if (param) {
        names.push(param[1]!);
        score += 2;
        return '/([^/]+)';
      }
      score += 3;
      return '/' + seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  // Longer, more literal paths win; an exact method beats ANY.
  score = score * 10 + (route.method === 'ANY' ? 0 : 1);
  return { route, regex: new RegExp(`^${pattern || '/'}/?$`), names, score };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
