import { isIP } from 'node:net';

/**
 * The one client-address normaliser: trims, drops `[…]` brackets and the
 * IPv4-mapped `::ffff:` prefix; `undefined` unless the value is an IP address.
 *
 * @example
 * normaliseIp('::ffff:10.0.0.1'); // '10.0.0.1'
 * normaliseIp('not an ip'); // undefined
 */
export function normaliseIp(value: string | undefined): string | undefined {
  const trimmed = value?.trim().replace(/^\[(.*)\]$/, '$1');
  if (!trimmed) return undefined;
  const bare = trimmed.toLowerCase().startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
  return isIP(bare) ? bare : undefined;
}
