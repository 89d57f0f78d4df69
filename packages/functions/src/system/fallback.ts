import { HttpError } from '../errors';
import { preflightHeaders } from '../middleware/cors';
import { publicRoute } from '../public-route';
import { allowedMethods } from '../router';
import { routes } from '../routes';

/**
 * The `$default` route: answers CORS preflights (before any auth), a known
 * path with a method it does not serve (HEAD included) with 405 and `Allow`,
 * and every unknown route with a problem+json 404, in all three runtimes.
 */
export const handler = publicRoute('fallback', async ({ event, runtime }) => {
  const method = event.requestContext.http.method;
  if (method === 'OPTIONS' && event.headers['access-control-request-method']) {
    const headers = preflightHeaders(event.headers.origin, { origins: runtime.config.CORS_ORIGINS });
    return { status: 204, headers: headers ?? {} };
  }
  const allowed = allowedMethods(routes, event.rawPath);
  if (allowed.length > 0) {
    const allow = allowed.join(', ');
    throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not served on ${event.rawPath}: use ${allow}`, { headers: { allow } });
  }
  throw new HttpError('NOT_FOUND', `No route for ${method} ${event.rawPath}`);
});
