import { HttpError } from '../errors';
import { route } from '../route';
import { preflightHeaders } from '../middleware/cors';

/**
 * The `$default` route: answers CORS preflights (before any auth) and turns
 * every unknown route into a problem+json 404, in all three runtimes.
 */
export const handler = route('fallback', async ({ event, runtime }) => {
  const method = event.requestContext.http.method;
  if (method === 'OPTIONS' && event.headers['access-control-request-method']) {
    const headers = preflightHeaders(event.headers.origin, { origins: runtime.config.CORS_ORIGINS });
    return { status: 204, headers: headers ?? {} };
  }
  throw new HttpError('NOT_FOUND', `No route for ${method} ${event.rawPath}`);
});
