import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * True when the request carries `token`, as `Authorization: Bearer <token>` or, like
 * Upstash, as a `_token` query parameter. Compared in constant time (over SHA-256
 * digests, so the length does not leak either).
 */
export function isAuthorized(req: IncomingMessage, url: URL, token: string): boolean {
  const header = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  const given = header?.[1]?.trim() ?? url.searchParams.get('_token');
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(token));
}
