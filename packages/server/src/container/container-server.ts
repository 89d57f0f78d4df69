/**
 * The container server: the route table on node:http through the same API
 * Gateway emulator as `npm start`, with the timeouts a server behind Nginx
 * needs and a graceful drain. Built by a factory, separate from the code that
 * listens, so tests start the real thing on port 0.
 *
 * @example
 * const app = buildContainerServer({ routes, loadHandler, stage: 'prod', trustedProxies: ['10.0.0.0/8'] });
 * await app.listen(3000, '0.0.0.0');
 * process.once('SIGTERM', async () => process.exit((await app.drain(25_000)) ? 0 : 1));
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import { Server as NetServer, type AddressInfo } from 'node:net';
import type { LambdaHandler } from '@nocturnal/functions/route';
import type { RouteDef } from '@nocturnal/functions/route-types';
import { createGateway } from '../gateway/gateway';
import { answerClientError } from '../gateway/client-error';
import type { EdgeProblemReport } from '../gateway/edge-problem';
import { parseTarget } from '../gateway/target';
import { createClientIp } from './client-ip';

/** Outlasts every proxy's upstream keep-alive (Nginx here: 4 s, nginx/nginx.conf.template; ingress-nginx: 60 s), so the proxy closes idle sockets first. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Longer than the keep-alive timeout, so an idle socket is never cut as a slow request. */
export const HEADERS_TIMEOUT_MS = 66_000;
/** Node requires `requestTimeout` ≥ `headersTimeout`. */
export const REQUEST_TIMEOUT_MS = 70_000;

export interface ContainerServerOptions {
  routes: readonly RouteDef[];
  loadHandler: (route: RouteDef) => Promise<LambdaHandler>;
  stage: string;
  /** `TRUSTED_PROXIES`: peers whose `X-Real-IP` / `X-Forwarded-For` are believed. */
  trustedProxies?: readonly string[];
  /** Answered 503 while draining, so an orchestrator stops routing here. */
  readinessPath?: string;
  /** Every answer the gateway or Node's parser made without a function (see the gateway's `onError`). */
  onError?: (error: unknown, report: EdgeProblemReport & { route?: string }) => void;
}

export interface ContainerServer {
  server: Server;
  /** Resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** True once {@link drain} was called. */
  readonly draining: boolean;
  /**
   * Stops accepting, fails readiness, lets in-flight requests finish; after
   * `graceMs` the remaining connections are cut. Resolves `true` when every
   * request finished in time.
   */
  drain(graceMs: number): Promise<boolean>;
}

const netServerClose = NetServer.prototype.close;

/** Builds (does not start) a container server. */
export function buildContainerServer(opts: ContainerServerOptions): ContainerServer {
  const readinessPath = opts.readinessPath ?? '/api/v1/health';
  const gateway = createGateway({
    routes: opts.routes,
    loadHandler: opts.loadHandler,
    stage: opts.stage,
    clientIp: createClientIp(opts.trustedProxies ?? []),
    onError: opts.onError,
  });
  let draining: Promise<boolean> | undefined;
  const inFlight = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!draining) {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
      return gateway(req, res);
    }
    // Keep-alive peers (Nginx) must not send more requests on this connection.
    res.setHeader('connection', 'close');
    if (req.method === 'GET' && parseTarget(req.url)?.path === readinessPath) {
      const body = '{"status":"draining"}';
      res.writeHead(503, { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-store' });
      res.end(body);
      req.resume();
      return;
    }
    gateway(req, res);
  });
  server.on('clientError', answerClientError(opts.onError));
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;

  return {
    server,
    get draining() {
      return draining !== undefined;
    },
    async listen(port, host) {
      server.listen(port, host);
      await once(server, 'listening');
      return (server.address() as AddressInfo).port;
    },
    drain(graceMs) {
      draining ??= new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve(false);
        }, graceMs);
        timer.unref();
        for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
        // Stop listening, but leave idle keep-alive sockets to the proxy: closing one here races
        // with a request Nginx may be sending on it at that instant, and Nginx does not retry a
        // POST that was sent. (http.Server#close would close them since Node 19, so only the
        // listening socket is closed.) Nginx closes idle upstream sockets after its keepalive_timeout;
        // a request that still arrives on one is served with `Connection: close`.
        netServerClose.call(server, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      return draining;
    },
  };
}
