const INTEGER = /^-?\d+$/;
const OK = Buffer.from('OK');

/**
 * Serialises a Redis reply (as read by ioredis with buffers and `stringNumbers`) to
 * JSON text in Upstash's shape:
 * - bulk/status strings arrive as Buffers: UTF-8 text, or base64 when `base64` is set,
 *   at every depth. As Upstash documents, a top-level `OK` stays `OK` (clients special-case
 *   it there); inside arrays it is encoded like any string, since `@upstash/redis`
 *   base64-decodes every array item;
 * - integers arrive as digit strings and are written as JSON numbers, exactly, even
 *   beyond 2^53;
 * - nil is `null`; errors nested in arrays (Lua tables) become their message, never encoded.
 *
 * @example
 * ```ts
 * encodeReply([Buffer.from('hi'), '42', null], true); // '["aGk=",42,null]'
 * ```
 */
export function encodeReply(reply: unknown, base64: boolean, nested = false): string {
  if (reply === null || reply === undefined) return 'null';
  if (Buffer.isBuffer(reply)) {
    if (!base64) return JSON.stringify(reply.toString('utf8'));
    return !nested && reply.equals(OK) ? '"OK"' : JSON.stringify(reply.toString('base64'));
  }
  if (typeof reply === 'string') return INTEGER.test(reply) ? reply : JSON.stringify(reply);
  if (typeof reply === 'number') return Number.isFinite(reply) ? String(reply) : 'null';
  if (Array.isArray(reply)) return `[${reply.map((item) => encodeReply(item, base64, true)).join(',')}]`;
  if (reply instanceof Error) return JSON.stringify(reply.message);
  return JSON.stringify(reply) ?? 'null';
}
