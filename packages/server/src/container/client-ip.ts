/**
 * The client address the rate limiter keys on. The socket's peer, unless that
 * peer is a trusted proxy (`TRUSTED_PROXIES`: addresses or CIDRs, v4 or v6):
 * then `X-Real-IP`, else the right-most untrusted `X-Forwarded-For` entry.
 * A client talking to the server directly can never choose its own key.
 *
 * @example
 * const clientIp = createClientIp(['10.0.0.0/8', '127.0.0.1']);
 * createGateway({ routes, stage, loadHandler, clientIp });
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { normaliseIp } from '@nocturnal/core/ip';
import { peerAddress } from '../gateway/gateway';

/** Thrown for an entry of `TRUSTED_PROXIES` that is neither an address nor a CIDR. */
export class TrustedProxiesError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly entries: string[]) {
    super(`Invalid configuration:\n  - TRUSTED_PROXIES: not an IP address or CIDR: ${entries.join(', ')}`);
    this.name = 'TrustedProxiesError';
  }
}

/** Parses the trusted list once; throws {@link TrustedProxiesError} naming every bad entry. */
export function parseTrustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  const bad: string[] = [];
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || !/^\d+$/.test(String(bits)) || bits > max) {
      bad.push(entry);
      continue;
    }
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  if (bad.length > 0) throw new TrustedProxiesError(bad);
  return list;
}


/** Whether `ip` (already normalised) is in the trusted list. */
export function isTrusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/** A `clientIp` function for {@link createGateway}. */
export function createClientIp(trustedProxies: readonly string[]): (req: IncomingMessage) => string {
  const trusted = parseTrustedProxies(trustedProxies);
  if (trustedProxies.length === 0) return peerAddress;
  return (req) => {
    const peer = peerAddress(req);
    if (!isTrusted(trusted, peer)) return peer;
    const real = normaliseIp(header(req, 'x-real-ip'));
    if (real) return real;
    // Each proxy appends the address it saw: the right-most entry no trusted proxy added is the client.
    const hops = (header(req, 'x-forwarded-for') ?? '').split(',').map(normaliseIp);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i];
      if (!hop) return peer;
      if (!isTrusted(trusted, hop)) return hop;
    }
    return hops[0] ?? peer;
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
