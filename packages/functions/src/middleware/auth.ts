import { hasRole, type Role } from '@nocturnal/core/auth/roles';
import { AppError } from '@nocturnal/core/errors';
import { HttpError } from '../errors';
import { stateOf, type AuthContext, type ChainMiddleware, type ChainRequest } from '../request-state';

export interface AuthOptions {
  /** The least role the route needs (admin ≥ user). */
  role: Role;
  /** Verifies an access token (and its account's state) or throws `AppError('INVALID_TOKEN')`. */
  verify: (token: string) => Promise<AuthContext>;
  /** The `realm` of `WWW-Authenticate`. */
  realm?: string;
  /**
   * Keep a refusal on the request state instead of throwing it, so a rate
   * limit between this and {@link enforceAuth} counts the request by its
   * address first. Default false: refuse at once.
   */
  deferred?: boolean;
}

const defaults = { realm: 'nocturnal-api', deferred: false };
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;
const challenge = (realm: string, error?: string) => (error ? `Bearer realm="${realm}", error="${error}"` : `Bearer realm="${realm}"`);

/**
 * Requires `Authorization: Bearer <access token>` and puts `{userId, email,
 * role, tokenVersion}` on the request state. No header → 401
 * `UNAUTHENTICATED` with a bare `Bearer realm=…` challenge; any other header
 * that does not verify (a revoked token included) → 401 `INVALID_TOKEN` with
 * `error="invalid_token"` (RFC 6750 §3); a valid token with too low a role →
 * 403 `FORBIDDEN` with `error="insufficient_scope"`.
 */
export function authenticate(options: AuthOptions): ChainMiddleware {
  const opts = { ...defaults, ...options };
  const identify = async (request: ChainRequest): Promise<AuthContext> => {
    const header = request.event.headers?.authorization;
    if (header === undefined || header.trim() === '') {
      throw new HttpError('UNAUTHENTICATED', 'Send an access token: Authorization: Bearer <token>', {
        headers: { 'www-authenticate': challenge(opts.realm) },
      });
    }
    const invalid = (cause?: unknown) => {
      // The client gets one answer for every failure; the log keeps the reason.
      const reason = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'not a Bearer token';
      stateOf(request).log.debug('access token rejected', { reason });
      return new HttpError('INVALID_TOKEN', 'The access token is invalid or expired', {
        headers: { 'www-authenticate': challenge(opts.realm, 'invalid_token') },
        cause,
      });
    };
    const token = BEARER.exec(header.trim())?.[1];
    if (!token) throw invalid();
    try {
      return await opts.verify(token);
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_TOKEN') throw invalid(error.cause);
      throw error;
    }
  };
  const enforce = enforceAuth(opts);
  return {
    before: async function authenticateBefore(request) {
      const state = stateOf(request);
      try {
        state.auth = await identify(request);
      } catch (error) {
        // Only a refusal waits for the rate limit; a store that cannot be read fails the request now.
        if (!(error instanceof HttpError)) throw error;
        state.authFailure = error;
      }
      if (!opts.deferred) await enforce.before!(request);
    },
  };
}

/** Throws the refusal {@link authenticate} kept, or 403 when the verified role is too low. */
export function enforceAuth(options: Pick<AuthOptions, 'role' | 'realm'>): ChainMiddleware {
  const realm = options.realm ?? defaults.realm;
  return {
    before: function enforceAuthBefore(request) {
      const state = stateOf(request);
      if (state.authFailure) throw state.authFailure;
      if (!state.auth) throw new HttpError('UNAUTHENTICATED');
      if (!hasRole(state.auth.role, options.role)) {
        throw new HttpError('FORBIDDEN', `This needs the ${options.role} role`, {
          headers: { 'www-authenticate': challenge(realm, 'insufficient_scope') },
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
