/**
 * A small HTTP(S) client on node:http with its own keep-alive agent: a
 * trusted CA for the self-signed certificate, a socket cap for "N concurrent
 * requests", and an optional source address.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
  text: string;
}

export interface ClientOptions {
  ca?: string;
  maxSockets?: number;
  /** Source address of the client's sockets (any 127.x address works on Linux loopback). */
  localAddress?: string;
}

export interface Client {
  request(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<Reply>;
  close(): void;
}

export function createClient(base: string, opts: ClientOptions = {}): Client {
  const secure = base.startsWith('https:');
  const agentOpts = { keepAlive: true, maxSockets: opts.maxSockets ?? 16, ...(opts.localAddress && { localAddress: opts.localAddress }) };
  const agent = secure ? new https.Agent({ ...agentOpts, ca: opts.ca }) : new http.Agent(agentOpts);
  return {
    request: (method, path, req = {}) =>
      new Promise<Reply>((resolve, reject) => {
        const headers: Record<string, string> = { ...req.headers };
        if (req.token) headers.authorization = `Bearer ${req.token}`;
        let payload: string | undefined;
        if (req.body !== undefined) {
          headers['content-type'] ??= 'application/json';
          payload = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
          headers['content-length'] = String(Buffer.byteLength(payload));
        }
        const send = secure ? https.request : http.request;
        const r = send(new URL(path, base), { method, headers, agent: agent as https.Agent }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => {
            let body: unknown;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              body = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
          });
          res.on('error', reject);
        });
        r.setTimeout(20_000, () => r.destroy(new Error(`${method} ${path}: no answer in 20 s`)));
        r.on('error', reject);
        r.end(payload);
      }),
    close: () => agent.destroy(),
  };
}

/** Runs `count` tasks with at most `concurrency` at a time; results in task order. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
