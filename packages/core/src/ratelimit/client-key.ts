import { isIPv6 } from 'node:net';
import { normaliseIp } from '../ip';

/**
 * The identity a request is counted under: the user when authenticated,
 * otherwise the client address (an IPv6 client by its /64, which one
 * subscriber usually owns whole).
 *
 * @example
 * clientKey({ ip: '2001:db8:1:2:3:4:5:6' }) // 'ip6:2001:db8:1:2::/64'
 */
export function clientKey(who: { userId?: string; ip: string }): string {
  if (who.userId) return `user:${who.userId}`;
  return ipKey(who.ip);
}

export function ipKey(ip: string): string {
  const bare = normaliseIp(ip) ?? ip;
  if (!isIPv6(bare)) return `ip:${bare}`;
  return `ip6:${expandIPv6(bare).slice(0, 4).map((h) => h.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const clean = ip.split('%')[0]!;
  const [head, tail] = clean.includes('::') ? clean.split('::') : [clean, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((h) => h.toLowerCase().padStart(4, '0'));
}
