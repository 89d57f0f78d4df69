import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { loadKeySet } from './keys';
import { signAccessToken } from './sign-access-token';
import { ed25519Token, generatePrivateJwk, hmacToken, jwksJson, unsignedToken } from './testing';
import { verifyAccessToken } from './verify-access-token';
import { codeOf } from '../testing';

const settings = { issuer: 'nocturnal-api', audience: 'nocturnal-api', ttlSeconds: 900 };
const subject = { userId: '665f00000000000000000001', email: 'a@x.io', role: 'user' as const };
const T0 = new Date('2030-01-01T00:00:00Z');
const at = (offsetSeconds: number) => () => T0.getTime() + offsetSeconds * 1000;
const current = generatePrivateJwk('EdDSA', 'current');
const keys = loadKeySet(jwksJson(current));
const verifyOpts = { issuer: settings.issuer, audience: settings.audience, now: at(0) };


describe('signAccessToken + verifyAccessToken', () => {
  it('round-trips the subject with kid, typ and every claim', async () => {
    const { token, expiresIn, expiresAt } = await signAccessToken(keys, subject, settings, T0);

    const claims = await verifyAccessToken(keys, token, verifyOpts);

    expect(claims).toMatchObject(subject);
    expect(expiresIn).toBe(900);
    expect(claims.expiresAt).toEqual(expiresAt);
    const [header, payload] = token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({ alg: 'EdDSA', kid: 'current', typ: 'at+jwt' });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'email', 'exp', 'iat', 'iss', 'jti', 'role', 'sub', 'ver']);
  });

  it('signs and verifies with ES256 keys too', async () => {
    const es = loadKeySet(jwksJson(generatePrivateJwk('ES256', 'es')));
    const { token } = await signAccessToken(es, subject, settings, T0);

    await expect(verifyAccessToken(es, token, verifyOpts)).resolves.toMatchObject(subject);
  });

  it('expires after the TTL, with a 5 s tolerance, on an injected clock', async () => {
    const { token } = await signAccessToken(keys, subject, settings, T0);

    expect(await codeOf(verifyAccessToken(keys, token, { ...verifyOpts, now: at(904) }))).toBeUndefined();
    expect(await codeOf(verifyAccessToken(keys, token, { ...verifyOpts, now: at(906) }))).toBe('INVALID_TOKEN');
  });

  it('still accepts a token signed by a previous key after rotation, until that key is dropped', async () => {
    const { token } = await signAccessToken(keys, subject, settings, T0);
    const rotated = loadKeySet(jwksJson(generatePrivateJwk('EdDSA', 'next'), current));
    const dropped = loadKeySet(jwksJson(generatePrivateJwk('EdDSA', 'next')));

    await expect(verifyAccessToken(rotated, token, verifyOpts)).resolves.toMatchObject(subject);
    expect(await codeOf(verifyAccessToken(dropped, token, verifyOpts))).toBe('INVALID_TOKEN');
    expect(rotated.signing.kid).toBe('next');
  });
});

describe('verifyAccessToken attack matrix', () => {
  const iat = Math.floor(T0.getTime() / 1000);
  const claims = { sub: subject.userId, email: subject.email, role: 'admin', iss: settings.issuer, aud: settings.audience, iat, exp: iat + 900, jti: 'j' };
  const header = { alg: 'EdDSA', kid: 'current', typ: 'at+jwt' };
  const ours = createPrivateKey({ key: current as never, format: 'jwk' });
  const attacker = generatePrivateJwk('EdDSA', 'current');
  const attackerKey = createPrivateKey({ key: attacker as never, format: 'jwk' });
  const { d: _d, ...attackerPublic } = attacker;
  const publicPem = createPublicKey(ours).export({ format: 'pem', type: 'spki' }).toString();

  const cases: Array<[string, () => Promise<string> | string]> = [
    ['a well-formed control token signed by our key (must pass)', () => ed25519Token(header, claims, ours)],
    ['alg: none', () => unsignedToken({ alg: 'none', typ: 'at+jwt' }, claims)],
    ['HS256 signed with the public key', () => hmacToken({ alg: 'HS256', kid: 'current', typ: 'at+jwt' }, claims, publicPem)],
    ['unknown kid', () => ed25519Token({ ...header, kid: 'other' }, claims, ours)],
    ['missing kid', () => ed25519Token({ alg: 'EdDSA', typ: 'at+jwt' }, claims, ours)],
    ['an embedded jwk header', () => ed25519Token({ ...header, jwk: attackerPublic }, claims, attackerKey)],
    ['a jku header', () => ed25519Token({ ...header, jku: 'https://evil.example/jwks.json' }, claims, ours)],
    ['an x5u header', () => ed25519Token({ ...header, x5u: 'https://evil.example/cert.pem' }, claims, ours)],
    ['wrong typ', () => ed25519Token({ ...header, typ: 'JWT' }, claims, ours)],
    ['wrong iss', () => ed25519Token(header, { ...claims, iss: 'someone-else' }, ours)],
    ['wrong aud', () => ed25519Token(header, { ...claims, aud: 'another-api' }, ours)],
    ['expired', () => ed25519Token(header, { ...claims, exp: iat - 60 }, ours)],
    ['nbf in the future', () => ed25519Token(header, { ...claims, nbf: iat + 60 }, ours)],
    ['no jti', () => ed25519Token(header, { ...claims, jti: undefined }, ours)],
    ['an unknown role', () => ed25519Token(header, { ...claims, role: 'root' }, ours)],
    ['a tampered payload', () => {
      const [h, , s] = ed25519Token(header, claims, ours).split('.');
      return `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin', sub: 'x' })).toString('base64url')}.${s}`;
    }],
    ['a token from a different key with our kid', () => ed25519Token(header, claims, attackerKey)],
    ['garbage', () => 'not.a.jwt'],
    ['an empty string', () => ''],
    ['a huge token', () => 'a'.repeat(100_000)],
  ];

  it.each(cases)('%s', async (name, make) => {
    const code = await codeOf(verifyAccessToken(keys, await make(), verifyOpts));

    expect(code).toBe(name.startsWith('a well-formed control') ? undefined : 'INVALID_TOKEN');
  });

  it('gives one identical message for every failure', async () => {
    const messages = new Set<string>();
    for (const [name, make] of cases.slice(1)) {
      await verifyAccessToken(keys, await make(), verifyOpts).catch((e: Error) => messages.add(e.message));
      expect(messages.size, name).toBe(1);
    }
  });
});
