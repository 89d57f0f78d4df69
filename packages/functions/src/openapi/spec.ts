/**
 * What the document needs about a route beyond its row: its words, its input
 * schemas (the very objects its handler passes to `route()`), its success
 * answers and the error codes its use case adds to those its chain implies.
 * One `OperationSpec` per row of the route table, in `operations/<area>.ts`.
 */
import type * as z from 'zod';
import type { ErrorCode } from '../errors';
import type { InputSchemas } from '../middleware/validate';
import type { HeaderName } from './headers';

export const TAGS = {
  Auth: 'Registration and sessions: access tokens (JWT) and rotating refresh tokens.',
  Users: "The signed-in user's own account.",
  Admin: 'User management and the fleet-wide rate-limit mode (admin role).',
  Files: 'Uploads and downloads straight between the client and S3, with presigned URLs.',
  Health: 'Liveness and readiness.',
  System: 'Keys for other services that verify our tokens.',
  Documentation: 'This document and its interactive page.',
} as const;

export type Tag = keyof typeof TAGS;

export interface ResponseSpec {
  description: string;
  /** The body's zod schema; none for an empty body. */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
  /** Headers this answer always carries, beyond the request id and the rate-limit headers. */
  headers?: HeaderName[];
  /** OpenAPI links to follow-up operations (e.g. the next page). */
  links?: Record<string, { operationId: string; parameters?: Record<string, string>; description?: string }>;
}

export interface OperationSpec {
  tag: Tag;
  summary: string;
  description?: string;
  /** The schemas the handler validates with: the same objects it passes to `route()`. */
  input?: InputSchemas;
  /** The answers that are not errors, by status. */
  responses: Record<number, ResponseSpec>;
  /** The codes the use case can answer, beyond those the chain implies (auth, rate limit, body, validation). */
  errors?: ErrorCode[];
}

/** The operations of one area, by route id. */
export type OperationSpecs = Record<string, OperationSpec>;
