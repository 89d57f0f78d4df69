/**
 * RFC 9457 problem details. The one place where error codes become HTTP:
 * status and `type` come from the code table in core; only errors below 500
 * show their message; everything else is a generic 500 and is logged.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, ERROR_CODES, problemType, type ErrorCode } from '@nocturnal/core/errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  requestId?: string;
  [extension: string]: unknown;
}

/** Builds the problem response for any thrown value. */
export function problemResponse(
  error: unknown,
  requestId?: string,
): { response: APIGatewayProxyStructuredResultV2; internal: boolean } {
  const app = toAppError(error);
  const internal = !app.expose;
  const doc: ProblemDocument = {
    ...app.extensions,
    type: problemType(app.code),
    title: ERROR_CODES[app.code].title,
    status: app.status,
    detail: app.expose ? app.message : 'An unexpected error occurred. Quote the request id when reporting it.',
    code: app.code,
    ...(requestId ? { instance: `urn:nocturnal:request:${requestId}`, requestId } : {}),
  };
  return {
    internal,
    response: {
      statusCode: app.status,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...app.headers },
      body: JSON.stringify(doc),
    },
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // The driver's and SDK's errors never reach the client: they may carry hosts or keys.
  return new AppError('INTERNAL', 'Internal error', { cause: error });
}
