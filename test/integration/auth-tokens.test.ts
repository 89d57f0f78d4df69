/**
 * Access tokens over HTTP: the JWT attack matrix (every case → 401 with one
 * identical body), key rotation, and a second service verifying our tokens
 * from the public JWKS alone.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeySet } from '../../packages/core/src/auth/keys';
import { signAccessToken } from '../../packages/core/src/auth/sign-access-token';
import { ed25519Token, generatePrivateJwk, hmacToken, jwksJson, unsignedToken } from '../../packages/core/src/auth/testing';
import { startTestApi, type TestApi } from '../helpers/api';
import { comparable, NO_RATE_LIMITS, registerUser } from '../helpers/auth';

// The deployment is mid-rotation: `current` signs, `previous` still verifies.
const current = generatePrivateJwk('EdDSA', 'current');
const previous = generatePrivateJwk('ES256', 'previous');
let api: TestApi;
let user: { id: string; email: string };
beforeAll(async () => {
  api = await startTestApi({ ...NO_RATE_LIMITS, JWT_PRIVATE_JWKS: jwksJson(current, previous) });
  ({ user } = await registerUser(api));
}, 120_000);
afterAll(() => api?.stop());

const me = (authorization: string) => api.request('GET', '/api/v1/users/me', { headers: { authorization } });
const settings = { issuer: 'nocturnal-api', audience: 'nocturnal-api', ttlSeconds: 900 };

describe('JWT attack matrix', () => {
  const ours = createPrivateKey({ key: current as never, format: 'jwk' });
  const attacker = generatePrivateJwk('EdDSA', 'current');
  const attackerKey = createPrivateKey({ key: attacker as never, format: 'jwk' });
  const { d: _d, ...attackerPublic } = attacker;
  const header = { alg: 'EdDSA', kid: 'current', typ: 'at+jwt' };
  const claims = () => {
    const iat = Math.floor(Date.now() / 1000);
    // The account's own role: a token claiming another role is refused by the account check, which would hide a crypto bug.
    return { sub: user.id, email: user.email, role: 'user', iss: settings.issuer, aud: settings.audience, iat, exp: iat + 600, jti: 'j1' };
  };
  const publicPem = () => createPublicKey(ours).export({ format: 'pem', type: 'spki' }).toString();

  const cases: Array<[string, () => string]> = [
    ['alg: none', () => `Bearer ${unsignedToken({ alg: 'none', typ: 'at+jwt' }, claims())}`],
    ['HS256 signed with the public key', () => `Bearer ${hmacToken({ ...header, alg: 'HS256' }, claims(), publicPem())}`],
    ['unknown kid', () => `Bearer ${ed25519Token({ ...header, kid: 'nope' }, claims(), ours)}`],
    ['an embedded jwk', () => `Bearer ${ed25519Token({ ...header, jwk: attackerPublic }, claims(), attackerKey)}`],
    ['a jku', () => `Bearer ${ed25519Token({ ...header, jku: 'https://evil.example/jwks' }, claims(), attackerKey)}`],
    ['wrong iss', () => `Bearer ${ed25519Token(header, { ...claims(), iss: 'evil' }, ours)}`],
    ['wrong aud', () => `Bearer ${ed25519Token(header, { ...claims(), aud: 'other-api' }, ours)}`],
    ['expired', () => `Bearer ${ed25519Token(header, { ...claims(), exp: claims().iat - 30 }, ours)}`],
    ['nbf in the future', () => `Bearer ${ed25519Token(header, { ...claims(), nbf: claims().iat + 300 }, ours)}`],
    ['a tampered payload', () => {
      const [h, , s] = ed25519Token(header, { ...claims(), role: 'admin' }, ours).split('.');
      return `Bearer ${h}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.${s}`;
    }],
    ['a token from a different key', () => `Bearer ${ed25519Token(header, claims(), attackerKey)}`],
    ['garbage', () => 'Bearer garbage'],
    ['a token without "Bearer"', () => ed25519Token(header, claims(), ours)],
  ];

  it('the control token, signed by our key with the same claims, is accepted', async () => {
    expect((await me(`Bearer ${ed25519Token(header, claims(), ours)}`)).status).toBe(200);
  });

  it('every forged or broken token → 401 INVALID_TOKEN with one identical response', async () => {
    const responses = [];
    for (const [name, make] of cases) {
      const res = await me(make());
      expect(res.status, name).toBe(401);
      expect(res.body.code, name).toBe('INVALID_TOKEN');
      expect(res.headers.get('www-authenticate'), name).toBe('Bearer realm="nocturnal-api", error="invalid_token"');
      responses.push(comparable(res));
    }
    expect(new Set(responses.map((r) => JSON.stringify(r))).size).toBe(1);
  });
});

describe('key rotation and JWKS', () => {
  it('new tokens carry the current kid; a token signed by the previous key still verifies', async () => {
    const session = await registerUser(api);
    const kid = JSON.parse(Buffer.from(session.accessToken.split('.')[0], 'base64url').toString()).kid;
    const old = loadKeySet(jwksJson(previous));
    const { token } = await signAccessToken(old, { userId: session.user.id, email: session.user.email, role: 'user' }, settings);

    expect(kid).toBe('current');
    expect((await me(`Bearer ${token}`)).status).toBe(200);
  });

  it('publishes only public members, and another service verifies our tokens with it alone', async () => {
    const res = await api.request('GET', '/.well-known/jwks.json');

    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age');
    expect(res.body.keys.map((k: any) => k.kid)).toEqual(['current', 'previous']);
    for (const key of res.body.keys) expect(key).not.toHaveProperty('d');
    const { accessToken, user: u } = await registerUser(api);
    const { payload, protectedHeader } = await jwtVerify(accessToken, createLocalJWKSet(res.body), {
      issuer: 'nocturnal-api',
      audience: 'nocturnal-api',
      algorithms: ['EdDSA', 'ES256'],
      typ: 'at+jwt',
    });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: 'current', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: u.id, email: u.email, role: 'user' });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'email', 'exp', 'iat', 'iss', 'jti', 'role', 'sub', 'ver']);
  });
});
