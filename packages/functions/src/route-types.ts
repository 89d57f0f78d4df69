/**
 * The shape of one row of the route table. Data only: the SST stacks, the local
 * gateway and the container server all import the table, so nothing here may
 * pull in handler code.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a function may touch. The Api stack binds exactly these (least privilege). */
export type Resource = 'mongo' | 'bucket' | 'jwt' | 'redis';

export type BucketAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject' | 's3:ListBucket';

export type RateLimitPolicyName = 'auth' | 'api' | 'uploads';

export type Role = 'user' | 'admin';

export interface RouteDef {
  /** Stable id, also the base of the function's construct id. */
  id: string;
  method: HttpMethod | 'ANY';
  /** API Gateway path syntax (`/api/v1/files/{id}`), or `$default` for the catch-all. */
  path: string;
  /** SST handler: file path from the project root without extension, then `.export`. */
  handler: string;
  /** `false`: public. Otherwise a valid access token is needed, with this role at least. */
  auth: false | { role: Role };
  /** Rate-limit policy applied before the handler, or `null` for none. */
  rateLimit: RateLimitPolicyName | null;
  /** Declared resources; `jwt` and `redis` are implied by `auth` and `rateLimit`. */
  resources: Resource[];
  /** With `bucket`: the only S3 actions the function may perform on the uploads bucket. */
  bucketActions?: BucketAction[];
  /** Lambda timeout and the local gateway's deadline; default 10 s. */
  timeoutSeconds?: number;
  /** Lambda memory; default 512 MB. */
  memoryMB?: number;
}

/** `GET /health`, or `$default`. */
export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
}

/** Everything a route's function needs, including what auth and rate limiting imply. */
export function resourcesOf(route: RouteDef): Resource[] {
  const all = new Set(route.resources);
  if (route.auth) all.add('jwt');
  if (route.rateLimit) all.add('redis');
  return [...all].sort();
}

/** `packages/functions/src/health/live.handler` → module path and export name. */
export function splitHandler(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
