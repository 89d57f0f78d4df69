/**
 * Per-request state the middlewares hand to the handler. It rides the
 * request: middy passes `request.context` to every middleware and to the
 * handler, and its own middlewares hand values to handlers there
 * (`setToContext`), so the chain keeps its state on `context.nocturnal`.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Role } from '@nocturnal/core/auth/roles';
import type { Logger } from '@nocturnal/core/logger';

export interface AuthContext {
  userId: string;
  email: string;
  role: Role;
  /** The account's token version the token was signed with (revocation). */
  tokenVersion: number;
}

export interface RequestState {
  requestId: string;
  log: Logger;
  startedAt: number;
  /** Set by the auth middleware on routes that need a token. */
  auth?: AuthContext;
  /** Why the token was refused, kept until the rate limit has counted the request by its address. */
  authFailure?: Error;
  /** Set by the validator: the zod outputs. */
  input: { body?: unknown; query?: unknown; params?: unknown };
  /** Headers added to whatever response is sent (success or problem). */
  responseHeaders: Record<string, string>;
}

/** The Lambda context once the chain's first middleware has run. */
export interface ChainContext extends Context {
  nocturnal?: RequestState;
}

/** Every middleware of the chain has this shape. */
export type ChainMiddleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, ChainContext>;

export type ChainRequest = Parameters<NonNullable<ChainMiddleware['before']>>[0];

export function setState(request: Pick<ChainRequest, 'context'>, state: RequestState): void {
  request.context.nocturnal = state;
}

export function stateOf(request: Pick<ChainRequest, 'context'>): RequestState {
  const state = request.context.nocturnal;
  if (!state) throw new Error('request state missing: is the request-context middleware first?');
  return state;
}

/** The client's address as API Gateway saw it (never a client-supplied header). */
export function sourceIp(event: APIGatewayProxyEventV2): string {
  return event.requestContext?.http?.sourceIp ?? '0.0.0.0';
}
