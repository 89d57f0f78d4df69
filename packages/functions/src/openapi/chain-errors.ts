/**
 * The error codes a row's chain can answer, whatever its handler does: derived
 * from the row and its input schemas, in the order the chain runs.
 */
import { ROLES } from '@nocturnal/core/auth/roles';
import type { ErrorCode } from '../errors';
import type { InputSchemas } from '../middleware/validate';
import type { RouteDef } from '../route-types';

/** Every request: the JSON body middleware runs on every route; a bug, or a function past its timeout, is a 5xx. */
const ALWAYS: ErrorCode[] = ['MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'INTERNAL', 'GATEWAY_TIMEOUT'];

export function chainErrors(def: RouteDef, input: InputSchemas = {}): ErrorCode[] {
  const codes = [...ALWAYS];
  // The token is checked against its account: an unreadable account store fails closed.
  if (def.auth) codes.push('UNAUTHENTICATED', 'INVALID_TOKEN', 'DEPENDENCY_UNAVAILABLE');
  if (def.auth && def.auth.role !== ROLES[0]) codes.push('FORBIDDEN');
  if (def.rateLimit) codes.push('RATE_LIMITED');
  if (input.body || input.query || input.params) codes.push('VALIDATION_FAILED');
  return codes;
}
