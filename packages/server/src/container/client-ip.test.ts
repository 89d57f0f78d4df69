import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClientIp, parseTrustedProxies, TrustedProxiesError } from './client-ip';

const request = (peer: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

describe('createClientIp', () => {
  it('without trusted proxies: always the socket peer, whatever the headers say', () => {
    const clientIp = createClientIp([]);

    expect(clientIp(request('198.51.100.7', { 'x-real-ip': '1.2.3.4', 'x-forwarded-for': '5.6.7.8' }))).toBe('198.51.100.7');
    expect(clientIp(request('::ffff:198.51.100.7'))).toBe('198.51.100.7');
  });

  it('an untrusted peer cannot choose its address with headers', () => {
    const clientIp = createClientIp(['10.0.0.0/8']);

    expect(clientIp(request('203.0.113.9', { 'x-real-ip': '10.1.1.1', 'x-forwarded-for': '1.2.3.4' }))).toBe('203.0.113.9');
  });

  it('a trusted peer (address or CIDR, v4 or v6): X-Real-IP first', () => {
    const clientIp = createClientIp(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

    expect(clientIp(request('127.0.0.1', { 'x-real-ip': '203.0.113.5' }))).toBe('203.0.113.5');
    expect(clientIp(request('::ffff:10.2.3.4', { 'x-real-ip': '203.0.113.6' }))).toBe('203.0.113.6');
    expect(clientIp(request('fd12::1', { 'x-real-ip': '2001:db8::7' }))).toBe('2001:db8::7');
  });

  it('X-Forwarded-For: the right-most address no trusted proxy added', () => {
    const clientIp = createClientIp(['10.0.0.0/8']);
    const spoofedByClient = '1.1.1.1, 203.0.113.5, 10.0.0.3';

    expect(clientIp(request('10.0.0.2', { 'x-forwarded-for': spoofedByClient }))).toBe('203.0.113.5');
    expect(clientIp(request('10.0.0.2', { 'x-forwarded-for': '10.0.0.9, 10.0.0.3' }))).toBe('10.0.0.9');
  });

  it('garbage in the headers falls back to the peer', () => {
    const clientIp = createClientIp(['10.0.0.0/8']);

    expect(clientIp(request('10.0.0.2', { 'x-real-ip': 'not-an-ip' }))).toBe('10.0.0.2');
    expect(clientIp(request('10.0.0.2', { 'x-forwarded-for': '203.0.113.5, junk' }))).toBe('10.0.0.2');
    expect(clientIp(request('10.0.0.2'))).toBe('10.0.0.2');
  });
});

describe('parseTrustedProxies', () => {
  it('names every bad entry', () => {
    const attempt = () => parseTrustedProxies(['10.0.0.0/8', '10.0.0.0/33', 'proxy.local', '::1/129', '1.2.3.4/8/1']);

    expect(attempt).toThrow(TrustedProxiesError);
    expect(attempt).toThrow(/TRUSTED_PROXIES: .*10\.0\.0\.0\/33, proxy\.local, ::1\/129, 1\.2\.3\.4\/8\/1/);
  });
});
