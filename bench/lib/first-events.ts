/**
 * The first event each function answers in the cold-start runs: its route's
 * own request doing the route's work where that is cheap and repeatable (a
 * signed-in admin reads, lists, creates a pending upload), and a refused
 * request where the real one would change what the next run sees (deleting
 * the account, logging out everywhere) or would hash a password (scrypt at
 * N = 2^17 is measured on its own). Either way the chain, the token check
 * and the rate limit run; the note of each row says what answered.
 */
import { randomBytes } from 'node:crypto';
import type { FunctionDef, RouteDef } from '../../packages/functions/src/route-types';
import { routeEvent } from '../../test/helpers/bundles';
import { v2Event } from '../../test/helpers/events';

export interface Identities {
  /** A bearer token of the seeded admin. */
  admin: string;
  /** A well-formed token of an account that does not exist (the account check refuses it: 401). */
  ghost: string;
  bucket: string;
}

const objectId = () => randomBytes(12).toString('hex');

/** What each route sends: its token, body and path parameters (default: the admin's token where auth is needed, no body). */
const REQUESTS: Record<string, (ids: Identities) => { token?: string; body?: unknown; params?: Record<string, string> }> = {
  'auth-register': () => ({ body: {} }),
  'auth-login': () => ({ body: {} }),
  'auth-refresh': () => ({ body: { refreshToken: randomBytes(32).toString('base64url') } }),
  'auth-logout': () => ({ body: { refreshToken: randomBytes(32).toString('base64url') } }),
  'auth-logout-all': (ids) => ({ token: ids.ghost }),
  'users-me-patch': (ids) => ({ token: ids.admin, body: { name: 'Bench' } }),
  'users-me-password': (ids) => ({ token: ids.admin, body: {} }),
  'users-me-delete': (ids) => ({ token: ids.ghost }),
  'admin-users-update': (ids) => ({ token: ids.admin, params: { id: objectId() }, body: { disabled: false } }),
  'admin-rate-limit-put': (ids) => ({ token: ids.admin, body: {} }),
  'files-create': (ids) => ({ token: ids.admin, body: { filename: 'bench.txt', contentType: 'text/plain', size: 5 } }),
  'files-get': (ids) => ({ token: ids.admin, params: { id: objectId() } }),
  'files-complete': (ids) => ({ token: ids.admin, params: { id: objectId() } }),
  'files-delete': (ids) => ({ token: ids.admin, params: { id: objectId() } }),
};

export function firstEventOf(def: FunctionDef & Partial<RouteDef>, ids: Identities): unknown {
  if (def.id === 'cleanup-pending') return { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} };
  if (def.id === 'object-created') {
    return { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: ids.bucket }, object: { key: `users/${objectId()}/${objectId()}`, size: 5 } } }] };
  }
  if (!def.method || !def.path) return {};
  const base = routeEvent({ method: def.method, path: def.path }) as ReturnType<typeof v2Event>;
  const spec = REQUESTS[def.id]?.(ids) ?? (def.auth ? { token: ids.admin } : {});
  const method = base.requestContext.http.method;
  const params = spec.params ?? (base.pathParameters as Record<string, string> | undefined);
  const path = def.path === '$default' ? base.rawPath : def.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => params?.[name] ?? 'x');
  return v2Event({
    method,
    path,
    routeKey: base.routeKey,
    ...(params ? { params } : {}),
    headers: {
      ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
      ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
  });
}
