import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { toPublicError } from '@nocturnal/functions/errors';
import { SECURITY_HEADERS } from '@nocturnal/functions/middleware/security-headers';
import { problemResponse } from '@nocturnal/functions/problem';

/** What the gateway tells its owner about an answer it made itself. */
export interface EdgeProblemReport {
  requestId: string;
  status: number;
  code: string;
}

/**
 * An answer the gateway makes itself, with no function behind it (a bad
 * target, an early 413, a handler that threw, a timeout, a parser error):
 * problem+json with a request id, `X-Request-Id` and the API's security
 * headers, exactly like the chain's own answers.
 *
 * @example
 * const { response, report } = edgeProblem(new HttpError('BAD_REQUEST'));
 * log.warn('gateway answered', report);
 */
export function edgeProblem(
  error: unknown,
  requestId: string = randomUUID(),
): { response: APIGatewayProxyStructuredResultV2; report: EdgeProblemReport } {
  const { response } = problemResponse(error, requestId);
  response.headers = { ...SECURITY_HEADERS, ...response.headers, 'x-request-id': requestId };
  const { status, code } = toPublicError(error);
  return { response, report: { requestId, status, code } };
}
