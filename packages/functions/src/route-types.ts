/**
 * The shape of the function tables: the routes (`routes.ts`) and the jobs
 * (`routes/jobs.ts`). Data only: the SST stacks, the local gateway and the
 * container server all import the tables, so nothing here may pull in handler code.
 */
import type { Role } from '@nocturnal/core/auth/roles';
import type { PolicyName } from '@nocturnal/core/ratelimit/types';
import type { Resource } from '@nocturnal/core/resources';

export type { Resource, Role };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type BucketAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject' | 's3:ListBucket';

/** The policies a route can name (the per-email login budget is applied by the login handler). */
export type RateLimitPolicyName = Exclude<PolicyName, 'loginFailures'>;

/** Timeout and memory of every function that does not set its own: the stacks and the gateway read these. */
export const FUNCTION_DEFAULTS = { timeoutSeconds: 10, memoryMB: 512 } as const;

/** One Lambda function: a route's or a job's. */
export interface FunctionDef {
  /** Stable id, also the base of the function's construct id. */
  id: string;
  /** SST handler: file path from the project root without extension, then `.export`. */
  handler: string;
  /**
   * Declared resources; for routes, `jwks` (the public key set) and `redis`
   * are implied by `auth` and `rateLimit`. A function that signs tokens
   * declares `jwt` (the private key set).
   */
  resources: Resource[];
  /** With `bucket`: the only S3 actions the function may perform on the uploads bucket. */
  bucketActions?: BucketAction[];
  /** Lambda timeout and the local gateway's deadline; default {@link FUNCTION_DEFAULTS}. */
  timeoutSeconds?: number;
  /** Lambda memory; default {@link FUNCTION_DEFAULTS}. */
  memoryMB?: number;
}

export interface RouteDef extends FunctionDef {
  method: HttpMethod | 'ANY';
  /** API Gateway path syntax (`/api/v1/files/{id}`), or `$default` for the catch-all. */
  path: string;
  /** `false`: public. Otherwise a valid access token is needed, with this role at least. */
  auth: false | { role: Role };
  /** Rate-limit policy applied before the handler, or `null` for none. */
  rateLimit: RateLimitPolicyName | null;
}

/** A function outside the route table (a schedule, a bucket notification). */
export interface JobDef extends FunctionDef {
  /** The bucket's key prefix its S3 actions are limited to, e.g. `users/`. */
  bucketPrefix?: string;
}

/** `GET /health`, or `$default`. */
export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
}

/**
 * Everything a function needs, including what a route's auth (verifying: the
 * public keys) and rate limiting imply; signing (`jwt`) implies the public
 * keys too, which the signing key is checked against.
 */
export function resourcesOf(def: FunctionDef & Partial<Pick<RouteDef, 'auth' | 'rateLimit'>>): Resource[] {
  const all = new Set(def.resources);
  if (def.auth || all.has('jwt')) all.add('jwks');
  if (def.rateLimit) all.add('redis');
  return [...all].sort();
}

/** `packages/functions/src/health/live.handler` → module path and export name. */
export function splitHandler(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
