/**
 * RFC 9457 problem details, built from the error catalogue (`errors.ts`):
 * only errors below 500 show their message; everything else is a generic 500
 * and is logged by the caller.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemType, toPublicError, type ErrorCode } from './errors';

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

const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the request id when reporting it.';

/** Builds the problem response for any thrown value. */
export function problemResponse(
  error: unknown,
  requestId?: string,
): { response: APIGatewayProxyStructuredResultV2; internal: boolean } {
  const pub = toPublicError(error);
  const doc: ProblemDocument = {
    ...pub.extensions,
    type: problemType(pub.code),
    title: pub.title,
    status: pub.status,
    detail: pub.detail ?? INTERNAL_DETAIL,
    code: pub.code,
    ...(requestId ? { instance: `urn:nocturnal:request:${requestId}`, requestId } : {}),
  };
  return {
    internal: pub.detail === undefined,
    response: {
      statusCode: pub.status,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...pub.headers },
      body: JSON.stringify(doc),
    },
  };
}
