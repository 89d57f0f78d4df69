import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src/docs';
const small = { timeoutSeconds: 5, memoryMB: 256 } as const;

/**
 * The OpenAPI document and its interactive page. Public reads limited like
 * other anonymous traffic; the page's script and style sheet are rows of their
 * own, so each function bundles only the asset it serves and nothing leaves
 * the API's origin.
 */
export const docsRoutes: RouteDef[] = [
  { id: 'openapi', method: 'GET', path: '/openapi.json', handler: `${dir}/openapi-json.handler`, auth: false, rateLimit: 'api', resources: [], ...small },
  { id: 'docs-page', method: 'GET', path: '/docs', handler: `${dir}/page.handler`, auth: false, rateLimit: 'api', resources: [], ...small },
  { id: 'docs-script', method: 'GET', path: '/docs/swagger-ui.js', handler: `${dir}/script.handler`, auth: false, rateLimit: 'api', resources: [], ...small },
  { id: 'docs-style', method: 'GET', path: '/docs/swagger-ui.css', handler: `${dir}/style.handler`, auth: false, rateLimit: 'api', resources: [], ...small },
];
