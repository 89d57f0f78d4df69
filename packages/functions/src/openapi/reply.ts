/**
 * `reply(schema, status, body)`: a JSON answer whose body has the type of the
 * zod schema the OpenAPI document declares for it, so a handler that answers
 * another shape does not compile. Types only: nothing is parsed at run time
 * (the contract test checks the real answers against the document).
 *
 * @example
 * return reply(session, 201, await register(ctx, body), { location: '/api/v1/users/me' });
 */
import type * as z from 'zod';
import type { RouteResponse } from '../route';

export function reply<S extends z.ZodType>(_schema: S, status: number, body: z.input<S>, headers: Record<string, string> = {}): RouteResponse {
  return { status, body, headers };
}
