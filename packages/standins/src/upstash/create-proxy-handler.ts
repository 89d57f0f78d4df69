import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { isAuthorized } from './check-auth';
import { isBlocking } from './command-policy';
import type { CommandOutcome, RedisCommand } from './command-types';
import { withDedicatedConnection } from './dedicated-connection';
import { encodeReply } from './encode-reply';
import { ProxyRequestError, RedisUnavailableError } from './errors';
import { executeCommands } from './execute-commands';
import { parseCommand, parseCommands } from './parse-command';
import { parsePathCommand } from './path-command';
import { readBody } from './read-body';
import { createScriptRegistry, type ScriptRegistry } from './script-registry';
import { sendError, sendJson } from './send-json';

/** Options of {@link createProxyHandler}. */
export interface ProxyHandlerOptions {
  redis: Redis;
  /** The Bearer token clients must send. */
  token: string;
  /** Larger bodies get 413. Default 10 MiB. */
  maxBodyBytes?: number;
  scripts?: ScriptRegistry;
  /** Unexpected (500) errors; Redis and client errors are answered, not reported. */
  onError?: (error: unknown) => void;
}

type Route = { kind: 'single' | 'pipeline' | 'multi'; commands: RedisCommand[] };

const UNAUTHORIZED = 'WRONGPASS invalid or missing auth token';

/**
 * The request listener of the Upstash-REST-compatible proxy, separate from the code
 * that listens so it can be mounted anywhere:
 * `POST /` one command → `{"result"}` (200) or `{"error"}` (400);
 * `POST /pipeline` and `POST /multi-exec` → 200 with one `{"result"}`/`{"error"}` per command;
 * `GET|POST /<command>/<arg>/...` the URL form; `GET /health` (no token) pings Redis.
 * Missing or wrong token: 401. Redis down or silent: 503.
 *
 * @example
 * ```ts
 * http.createServer(createProxyHandler({ redis, token })).listen(8079);
 * ```
 */
export function createProxyHandler(opts: ProxyHandlerOptions) {
  const scripts = opts.scripts ?? createScriptRegistry();
  const maxBodyBytes = opts.maxBodyBytes ?? 10 * 1024 * 1024;

  const route = async (req: IncomingMessage, url: URL): Promise<Route> => {
    const body = req.method === 'POST' ? await readBody(req, maxBodyBytes) : undefined;
    if (url.pathname === '/pipeline' || url.pathname === '/multi-exec') {
      if (req.method !== 'POST') throw new ProxyRequestError(405, 'ERR method not allowed');
      const kind = url.pathname === '/pipeline' ? 'pipeline' : 'multi';
      return { kind, commands: parseCommands(parseJson(body)) };
    }
    if (url.pathname === '/') {
      if (!body) throw new ProxyRequestError(400, 'ERR failed to parse command: POST a JSON array');
      return { kind: 'single', commands: [parseCommand(parseJson(body))] };
    }
    return { kind: 'single', commands: [parsePathCommand(url, body)] };
  };

  const run = (r: Route, signal: AbortSignal): Promise<CommandOutcome[]> => {
    const prepared = r.commands.map((command) => scripts.prepare(command));
    const transaction = r.kind === 'multi';
    if (transaction || !r.commands.some(isBlocking)) return executeCommands(opts.redis, prepared, transaction);
    return withDedicatedConnection(opts.redis, signal, (own) => executeCommands(own, prepared, false));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    if (req.method === 'GET' && url.pathname === '/health') return checkHealth(opts.redis, res);
    if (req.method !== 'GET' && req.method !== 'POST') {
      return sendError(res, 405, 'ERR method not allowed', { allow: 'GET, POST' });
    }
    if (!isAuthorized(req, url, opts.token)) return sendError(res, 401, UNAUTHORIZED);
    const base64 = String(req.headers['upstash-encoding']).toLowerCase() === 'base64';
    const r = await route(req, url);
    const aborted = new AbortController();
    res.once('close', () => aborted.abort());
    const outcomes = await run(r, aborted.signal);
    const json = outcomes.map((o) => (o.ok ? `{"result":${encodeReply(o.value, base64)}}` : JSON.stringify({ error: o.error })));
    if (r.kind !== 'single') return sendJson(res, 200, `[${json.join(',')}]`);
    sendJson(res, outcomes[0]?.ok ? 200 : 400, json[0] ?? 'null');
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ProxyRequestError) {
        // An oversized body is left unread: close rather than drain it.
        return sendError(res, error.status, error.message, error.status === 413 ? { connection: 'close' } : {});
      }
      if (error instanceof RedisUnavailableError) return sendError(res, 503, error.message);
      opts.onError?.(error);
      sendError(res, 500, 'ERR internal proxy error');
    });
  };
}

function parseJson(body: Buffer | undefined): unknown {
  try {
    return JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    throw new ProxyRequestError(400, 'ERR failed to parse command: body is not valid JSON');
  }
}

async function checkHealth(redis: Redis, res: ServerResponse): Promise<void> {
  try {
    await redis.ping();
    sendJson(res, 200, '{"result":"PONG"}');
  } catch (error) {
    sendError(res, 503, new RedisUnavailableError(error).message);
  }
}
