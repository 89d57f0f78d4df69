import { hasRole, type Role } from '@nocturnal/core/auth/roles';
import { AppError } from '@nocturnal/core/errors';
import { HttpError } from '../errors';
import { stateOf, type AuthContext, type ChainMiddleware } from '../request-state';

export interface AuthOptions {
  /** The least role the route needs (admin ≥ user). */
  role: Role;
  /** Verifies an access token or throws `AppError('INVALID_TOKEN')`. */
  verify: (token: string) => Promise<AuthContext>;
  /** The `realm` of `WWW-Authenticate`. */
  realm?: string;
}

const defaults = { realm: 'nocturnal-api' };
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Requires `Authorization: Bearer <access token>` and puts `{userId, email,
 * role}` on the request state. No header → 401 `UNAUTHENTICATED` with a bare
 * `Bearer realm=…` challenge; any other header that does not verify → 401
 * `INVALID_TOKEN` with `error="invalid_token"` (RFC 6750 §3); a valid token
 * with too low a role → 403 `FORBIDDEN` with `error="insufficient_scope"`.
 */
export function authenticate(options: AuthOptions): ChainMiddleware {
  const opts = { ...defaults, ...options };
  const challenge = (error?: string) =>
    error ? `Bearer realm="${opts.realm}", error="${error}"` : `Bearer realm="${opts.realm}"`;
  return {
    before: async function authenticateBefore(request) {
      const header = request.event.headers?.authorization;
      if (header === undefined || header.trim() === '') {
        throw new HttpError('UNAUTHENTICATED', 'Send an access token: Authorization: Bearer <token>', {
          headers: { 'www-authenticate': challenge() },
        });
      }
      const invalid = (cause?: unknown) => {
        // The client gets one answer for every failure; the log keeps the reason.
        const reason = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'not a Bearer token';
        stateOf(request).log.debug('access token rejected', { reason });
        return new HttpError('INVALID_TOKEN', 'The access token is invalid or expired', {
          headers: { 'www-authenticate': challenge('invalid_token') },
          cause,
        });
      };
      const token = BEARER.exec(header.trim())?.[1];
      if (!token) throw invalid();
      let auth: AuthContext;
      try {
        auth = await opts.verify(token);
      } catch (error) {
        if (error instanceof AppError && error.code === 'INVALID_TOKEN') throw invalid(error.cause);
        throw error;
      }
      stateOf(request).auth = auth;
      if (!hasRole(auth.role, opts.role)) {
        throw new HttpError('FORBIDDEN', `This needs the ${opts.role} role`, {
          headers: { 'www-authenticate': challenge('insufficient_scope') },
        });
      }
    },
  };
}

/** The verified caller on a route that requires auth (the middleware guarantees it). */
export function requireAuth(auth: AuthContext | undefined): AuthContext {
  if (!auth) throw new HttpError('UNAUTHENTICATED');
  return auth;
}
