/**
 * Per-request state the middlewares hand to the handler, keyed by the event
 * object (middy passes the same event through the whole chain).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Logger } from '@nocturnal/core/logger';

export interface AuthContext {
  userId: string;
  email: string;
  role: 'user' | 'admin';
}

export interface RequestState {
  requestId: string;
  log: Logger;
  startedAt: number;
  /** Parsed JSON body (undefined when the request had none). */
  body?: unknown;
  /** Set by the auth middleware on routes that need a token. */
  auth?: AuthContext;
  /** Set by the validator: the zod outputs. */
  input: { body?: unknown; query?: unknown; params?: unknown };
  /** Headers added to whatever response is sent (success or problem). */
  responseHeaders: Record<string, string>;
}

const states = new WeakMap<APIGatewayProxyEventV2, RequestState>();

export function setState(event: APIGatewayProxyEventV2, state: RequestState): void {
  states.set(event, state);
}

export function getState(event: APIGatewayProxyEventV2): RequestState {
  const state = states.get(event);
  if (!state) throw new Error('request state missing: is the request-context middleware first?');
  return state;
}

/** The client's address as API Gateway saw it (never a client-supplied header). */
export function sourceIp(event: APIGatewayProxyEventV2): string {
  return event.requestContext?.http?.sourceIp ?? '0.0.0.0';
}
