/**
 * A plain node:http client for tests that need what `fetch` cannot do here:
 * a chosen loopback source address (127.0.0.2, 127.0.0.3, … act as distinct
 * clients) and raw control over headers.
 */
import { request } from 'node:http';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  ms: number;
}

export function http(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown; from?: string; token?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const started = performance.now();
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...opts.headers };
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? 'GET', headers, localAddress: opts.from, agent: false, timeout: opts.timeoutMs ?? 20_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Waits until at least `marginMs` remain in the current fixed window, so a burst cannot straddle two windows. */
export async function awayFromWindowEdge(windowSeconds: number, marginMs = 10_000): Promise<void> {
  const size = windowSeconds * 1000;
  const left = size - (Date.now() % size);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}
