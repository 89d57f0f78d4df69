/**
 * The internal metrics listener: `GET /metrics` (and `HEAD`) in the
 * Prometheus text format on its own port, never the public one. Anything else
 * on it is answered as the API answers it: problem+json 404 for another path,
 * 405 with `Allow` for another method, 500 when the metrics cannot be collected
 * (a cluster worker that does not answer the primary).
 *
 * @example
 * const metricsServer = buildMetricsServer({ collect: async () => ({ contentType: registry.contentType, body: await registry.metrics() }) });
 * const port = await metricsServer.listen(9464, '0.0.0.0');
 * await metricsServer.close(); // on shutdown
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { HttpError } from '@nocturnal/functions/errors';
import { edgeProblem, type EdgeProblemReport } from '../gateway/edge-problem';
import { writeResult } from '../gateway/result';
import { parseTarget } from '../gateway/target';

export const METRICS_PATH = '/metrics';
const ALLOW = 'GET, HEAD';

export interface Exposition {
  contentType: string;
  body: string;
}

export interface MetricsServerOptions {
  /** The exposition of this process (its registry) or of the cluster (the primary's aggregation). */
  collect(): Promise<Exposition>;
  /** A scrape that failed (500), or a request that was not one (404, 405). */
  onError?: (error: unknown, report: EdgeProblemReport) => void;
}

export interface MetricsServer {
  server: Server;
  /** Resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops listening and closes every connection (scrapes are short and retried by Prometheus). */
  close(): Promise<void>;
}

/** Builds (does not start) the metrics listener. */
export function buildMetricsServer(opts: MetricsServerOptions): MetricsServer {
  const fail = (res: ServerResponse, error: unknown, headOnly: boolean) => {
    const { response, report } = edgeProblem(error);
    opts.onError?.(error, report);
    writeResult(res, response, headOnly);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    const headOnly = req.method === 'HEAD';
    if (parseTarget(req.url)?.path !== METRICS_PATH) return fail(res, new HttpError('NOT_FOUND', `${req.url} is not served here: use ${METRICS_PATH}`), headOnly);
    if (req.method !== 'GET' && !headOnly) {
      return fail(res, new HttpError('METHOD_NOT_ALLOWED', `${req.method} is not served on ${METRICS_PATH}: use ${ALLOW}`, { headers: { allow: ALLOW } }), false);
    }
    opts.collect().then(
      ({ contentType, body }) => writeResult(res, { statusCode: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body }, headOnly),
      (error: unknown) => fail(res, error, headOnly),
    );
  });

  return {
    server,
    async listen(port, host) {
      server.listen(port, host);
      await once(server, 'listening');
      return (server.address() as AddressInfo).port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
