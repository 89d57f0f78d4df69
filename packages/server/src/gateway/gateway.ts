/**
 * An API Gateway HTTP API emulator on node:http: routes from the route table,
 * payload-2.0 events, a Lambda-like context, the route's timeout (503) and the
 * 10 MB payload limit (413). The local server and the container server share it.
 *
 * @example
 * const listener = createGateway({ routes, stage: 'local', loadHandler });
 * http.createServer(listener).listen(3000);
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { HttpError } from '@nocturnal/functions/errors';
import { normaliseIp } from '@nocturnal/core/ip';
import { TimeoutError, withTimeout } from '@nocturnal/core/timeout';
import type { LambdaHandler } from '@nocturnal/functions/route';
import { FUNCTION_DEFAULTS, type RouteDef } from '@nocturnal/functions/route-types';
import { LOCAL_ACCOUNT_ID, toEvent } from './event';
import { writeResult } from './result';
import { createRouter } from '@nocturnal/functions/router';
import { edgeProblem, type EdgeProblemReport } from './edge-problem';
import { parseTarget } from './target';

/** API Gateway's hard limit on a request payload. */
export const API_GATEWAY_PAYLOAD_LIMIT = 10 * 1024 * 1024;

export interface GatewayOptions {
  routes: readonly RouteDef[];
  loadHandler: (route: RouteDef) => Promise<LambdaHandler>;
  stage: string;
  maxPayloadBytes?: number;
  /** The client address; defaults to the socket's peer. */
  clientIp?: (req: IncomingMessage) => string;
  /**
   * Called for every answer the gateway makes itself (a bad target, an early
   * 413, a handler that throws, a timeout), with its request id, so the
   * server logs it.
   */
  onError?: (error: unknown, report: EdgeProblemReport & { route?: string }) => void;
}

export function createGateway(opts: GatewayOptions): RequestListener {
  const match = createRouter(opts.routes);
  const limit = opts.maxPayloadBytes ?? API_GATEWAY_PAYLOAD_LIMIT;
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const load = (route: RouteDef) => {
    let h = handlers.get(route.id);
    if (!h) {
      h = opts.loadHandler(route);
      handlers.set(route.id, h);
    }
    return h;
  };
  const clientIp = opts.clientIp ?? ((req: IncomingMessage) => peerAddress(req));

  /** Answers with the gateway's own problem, and reports it. */
  const answer = (req: IncomingMessage, res: ServerResponse, error: unknown, route?: RouteDef, requestId?: string) => {
    const { response, report } = edgeProblem(error, requestId);
    opts.onError?.(error, { ...report, ...(route ? { route: route.id } : {}) });
    if (res.headersSent) return void res.destroy();
    if (!req.complete) {
      // The body was not read to its end: this connection cannot carry another request.
      response.headers = { ...response.headers, connection: 'close' };
      req.resume();
    }
    writeResult(res, response);
  };

  return (req, res) => {
    void serve(req, res).catch((error) => answer(req, res, error));
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return answer(req, res, tooLarge(limit));
    const body = await readBody(req, limit);
    if (!body) return answer(req, res, tooLarge(limit));
    const target = parseTarget(req.url);
    if (!target) return answer(req, res, new HttpError('BAD_REQUEST', 'The request target is not a valid path'));
    const found = match(req.method ?? 'GET', target.path);
    if (!found) return answer(req, res, new HttpError('NOT_FOUND'));
    const event = toEvent(req, { route: found.route, target, params: found.params, stage: opts.stage, sourceIp: clientIp(req), body });
    const timeoutMs = (found.route.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds) * 1000;
    const context = lambdaContext(found.route, opts.stage, event.requestContext.requestId, Date.now() + timeoutMs);
    let result: unknown;
    try {
      const handler = await load(found.route);
      result = await withTimeout(handler(event, context), timeoutMs);
    } catch (error) {
      const app = error instanceof TimeoutError ? new HttpError('GATEWAY_TIMEOUT', `The function did not answer within ${timeoutMs} ms`) : error;
      return answer(req, res, app, found.route, event.requestContext.requestId);
    }
    writeResult(res, result);
  }
}

const tooLarge = (limit: number) => new HttpError('PAYLOAD_TOO_LARGE', `Request payloads are limited to ${limit} bytes`);

/** Reads the body, or resolves `undefined` once it grows past `limit`. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, rejectRead) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => !over && resolve(Buffer.concat(chunks)));
    req.on('error', rejectRead);
  });
}

export function peerAddress(req: IncomingMessage): string {
  const addr = req.socket.remoteAddress ?? '0.0.0.0';
  return normaliseIp(addr) ?? addr;
}

function lambdaContext(route: RouteDef, stage: string, requestId: string, deadline: number): Context {
  const functionName = `nocturnal-${stage}-${route.id}`;
  const fail = () => {
    throw new Error('callbacks are not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(route.memoryMB ?? FUNCTION_DEFAULTS.memoryMB),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}
