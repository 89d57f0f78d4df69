import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError, type ErrorCode } from '@nocturnal/functions/errors';
import { edgeProblem, type EdgeProblemReport } from './edge-problem';

/** Node's parser and server errors, as this API's codes. */
function codeOf(error: NodeJS.ErrnoException): { code: ErrorCode; detail: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'HEADERS_TOO_LARGE', detail: 'The request headers are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', detail: 'The request took too long to arrive' };
    default:
      return { code: 'BAD_REQUEST', detail: 'The request is not valid HTTP' };
  }
}

/**
 * A `clientError` listener for node:http servers: where the socket still
 * allows it, the answer Node would give bare (400, 408, 431) is sent as this
 * API's problem+json, with a request id and the security headers, and
 * reported; then the connection is closed.
 *
 * @example
 * server.on('clientError', answerClientError((error, report) => log.warn('bad request', { ...report, reason: error.code })));
 */
export function answerClientError(onAnswer?: (error: NodeJS.ErrnoException, report: EdgeProblemReport) => void) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { code, detail } = codeOf(error);
    const { response, report } = edgeProblem(new HttpError(code, detail, { cause: error }));
    onAnswer?.(error, report);
    const body = Buffer.from(response.body ?? '', 'utf8');
    const headers = { ...response.headers, 'content-length': String(body.length), connection: 'close' };
    const head = [`HTTP/1.1 ${report.status} ${STATUS_CODES[report.status] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
  };
}
