/**
 * The tests' HTTP(S) client on node:http, for what `fetch` cannot do here: a
 * chosen loopback source address (127.0.0.2, 127.0.0.3, … act as distinct
 * clients), a CA to trust (the scale-out test's self-signed certificate), raw
 * control over headers, and a keep-alive agent with a socket cap for "N
 * concurrent requests". Every reply is timed.
 *
 * @example
 * const reply = await request('POST', `${url}/api/v1/auth/login`, { body: { email, password } });
 * const edge = createClient(httpsUrl, { ca, maxSockets: 256 }); // keep-alive
 * await edge.request('GET', '/api/v1/users/me', { token });
 * edge.close();
 */
import nodeHttp, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export interface Reply {
  status: number;
  /** Lower-cased names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  body: any;
  text: string;
  /** From sending the request to the end of the reply. */
  ms: number;
}

export interface RequestOptions {
  /** JSON-encoded unless a string; `content-type` defaults to application/json. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as `authorization: Bearer <token>`. */
  token?: string;
  /** No answer in this long: the request fails. Default 20 s. */
  timeoutMs?: number;
}

export interface OneShotOptions extends RequestOptions {
  /** Source address of the socket (any 127.x address works on Linux loopback). */
  from?: string;
  /** A CA to trust for an https URL. */
  ca?: string;
}

/** One request on a socket of its own (no keep-alive). */
export function request(method: string, url: string | URL, opts: OneShotOptions = {}): Promise<Reply> {
  return send(method, new URL(url), opts, { agent: false, localAddress: opts.from, ca: opts.ca });
}

/** {@link request} in `fetch`'s argument order: `http(url, { method, from, body })`. */
export function http(url: string, opts: OneShotOptions & { method?: string } = {}): Promise<Reply> {
  return request(opts.method ?? 'GET', url, opts);
}

export interface ClientOptions {
  /** A CA to trust for an https base URL. */
  ca?: string;
  /** At most this many sockets at once. Default 16. */
  maxSockets?: number;
  /** Source address of the client's sockets. */
  localAddress?: string;
  /** Reuse sockets between requests. Default true. */
  keepAlive?: boolean;
}

export interface Client {
  /** `path` is resolved against the client's base URL. */
  request(method: string, path: string, opts?: RequestOptions): Promise<Reply>;
  /** Closes the client's sockets. */
  close(): void;
}

/** A client with its own agent, for a series of requests to one base URL. */
export function createClient(base: string, opts: ClientOptions = {}): Client {
  const agentOpts = { keepAlive: opts.keepAlive ?? true, maxSockets: opts.maxSockets ?? 16, ...(opts.localAddress && { localAddress: opts.localAddress }) };
  const agent = base.startsWith('https:') ? new https.Agent({ ...agentOpts, ca: opts.ca }) : new nodeHttp.Agent(agentOpts);
  return {
    request: (method, path, req = {}) => send(method, new URL(path, base), req, { agent }),
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

/** Waits until at least `marginMs` remain in the current fixed window, so a burst cannot straddle two windows. */
export async function awayFromWindowEdge(windowSeconds: number, marginMs = 10_000): Promise<void> {
  const size = windowSeconds * 1000;
  const left = size - (Date.now() % size);
  // The window edge itself is what is waited for: nothing to poll.
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}

/** Sees every reply this client receives (the contract recorder: `contract-recorder.ts`). */
export type ReplyObserver = (exchange: { method: string; url: string; status: number; headers: IncomingHttpHeaders; text: string }) => void;
let observer: ReplyObserver | undefined;

export function observeReplies(fn: ReplyObserver | undefined): void {
  observer = fn;
}

function send(
  method: string,
  url: URL,
  opts: RequestOptions,
  transport: { agent: nodeHttp.Agent | false; localAddress?: string; ca?: string },
): Promise<Reply> {
  const started = performance.now();
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let payload: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const secure = url.protocol === 'https:';
  return new Promise<Reply>((resolve, reject) => {
    const req = (secure ? https.request : nodeHttp.request)(
      url,
      {
        method,
        headers,
        agent: transport.agent as https.Agent | false,
        ...(transport.localAddress && { localAddress: transport.localAddress }),
        ...(secure && transport.ca && { ca: transport.ca }),
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          observer?.({ method, url: url.href, status: res.statusCode ?? 0, headers: res.headers, text });
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, ms: performance.now() - started });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url.href}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
