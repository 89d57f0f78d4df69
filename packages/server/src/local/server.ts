/**
 * The local API: the route table on the gateway emulator, handlers imported
 * from source. `startLocalApi` is what `npm start` and the integration tests run.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '@nocturnal/core/config';
import type { LambdaHandler } from '@nocturnal/functions/route';
import { splitHandler, type RouteDef } from '@nocturnal/functions/route-types';
import { connectResp } from '@nocturnal/core/ratelimit/resp-transport';
import { useRespTransport } from '@nocturnal/functions/clients/resp';
import { closeRuntime, createRuntime, useRuntime, type RuntimeOptions } from '@nocturnal/functions/runtime';
import { answerClientError } from '../gateway/client-error';
import type { EdgeProblemReport } from '../gateway/edge-problem';
import { createGateway } from '../gateway/gateway';
import { PROJECT_ROOT } from '../project-root';

export async function loadSourceHandler(route: RouteDef): Promise<LambdaHandler> {
  const { file, exportName } = splitHandler(route.handler);
  const mod = (await import(pathToFileURL(join(PROJECT_ROOT, `${file}.ts`)).href)) as Record<string, unknown>;
  const handler = mod[exportName];
  if (typeof handler !== 'function') throw new Error(`${route.handler} does not export a handler`);
  return handler as LambdaHandler;
}

export interface LocalApi {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Makes a runtime of `config` the process's, then listens on `port` (0: any
 * free port) on 127.0.0.1 unless `host` says otherwise. `close()` closes the
 * server and the runtime's clients. `metrics`: where the chain records
 * (default: nowhere; `npm start` and the metrics test pass prom-client's).
 */
export async function startLocalApi(opts: { port: number; host?: string; config: Config; metrics?: RuntimeOptions['metrics'] }): Promise<LocalApi> {
  // REDIS_URL (RESP) works here as in containers; functions on Lambda use the REST transport.
  useRespTransport(connectResp);
  const { log } = useRuntime(createRuntime(opts.config, { metrics: opts.metrics }));
  const onError = (error: unknown, report: EdgeProblemReport & { route?: string }) =>
    report.status >= 500 ? log.error('gateway error', { ...report, error }) : log.warn('gateway answered', { ...report });
  const { routes } = await import('@nocturnal/functions/routes');
  // Import every handler before listening: a missing setting fails at start.
  await Promise.all(routes.map(loadSourceHandler));
  const server = createServer(
    createGateway({
      routes,
      stage: opts.config.STAGE,
      loadHandler: loadSourceHandler,
      onError,
    }),
  );
  server.on('clientError', answerClientError(onError));
  server.keepAliveTimeout = 65_000;
  server.listen(opts.port, opts.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await closeRuntime();
    },
  };
}
