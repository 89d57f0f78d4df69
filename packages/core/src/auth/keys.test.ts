import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import { checkPublishes, loadKeySet, loadPublicKeySet, publicKeySetOf } from './keys';
import { generatePrivateJwk, jwksJson } from './testing';

describe('loadKeySet', () => {
  it('signs with the first key and verifies with all of them', () => {
    // Prepare
    const current = generatePrivateJwk('EdDSA', 'current');
    const previous = generatePrivateJwk('ES256', 'previous');

    // Act
    const keys = loadKeySet(jwksJson(current, previous));

    // Assess
    expect(keys.signing).toMatchObject({ kid: 'current', alg: 'EdDSA' });
    expect([...keys.verification.keys()]).toEqual(['current', 'previous']);
    expect(keys.algorithms).toEqual(['EdDSA', 'ES256']);
  });

  it('publishes only public members', () => {
    const keys = loadKeySet(jwksJson(generatePrivateJwk('EdDSA', 'a'), generatePrivateJwk('ES256', 'b')));

    for (const jwk of keys.jwks.keys) {
      expect(Object.keys(jwk).sort()).toEqual(jwk.kty === 'EC' ? ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'] : ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    }
    expect(JSON.stringify(keys.jwks)).not.toContain('"d"');
  });

  it('accepts a public-only previous key, but not a public-only signing key', () => {
    const { d: _d, ...publicOnly } = generatePrivateJwk('EdDSA', 'old');

    expect(loadKeySet(jwksJson(generatePrivateJwk(), publicOnly)).verification.has('old')).toBe(true);
    expect(() => loadKeySet(jwksJson(publicOnly))).toThrow(ConfigError);
  });

  it.each([
    ['not JSON', 'nope'],
    ['no keys', '{"keys":[]}'],
    ['no kid', jwksJson({ ...generatePrivateJwk(), kid: undefined })],
    ['duplicate kid', jwksJson(generatePrivateJwk('EdDSA', 'x'), generatePrivateJwk('EdDSA', 'x'))],
    ['symmetric key', jwksJson({ kty: 'oct', k: 'c2VjcmV0', kid: 's' })],
    ['RSA-style alg on an EC key', jwksJson({ ...generatePrivateJwk('ES256'), alg: 'RS256' })],
    ['encryption key', jwksJson({ ...generatePrivateJwk(), use: 'enc' })],
    ['broken key material', jwksJson({ ...generatePrivateJwk(), x: 'AAAA' })],
  ])('rejects %s with a ConfigError that names the setting but no key material', (_name, json) => {
    const error = (() => {
      try {
        loadKeySet(json);
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatch(/^JWT_PRIVATE_JWKS: /);
    // Key material is long base64url; none of it may reach a log line.
    expect((error as Error).message).not.toMatch(/[A-Za-z0-9_-]{40,}/);
  });
});

const publicHalf = ({ d: _d, ...jwk }: Record<string, unknown>) => jwk;
const problemOf = (act: () => unknown) => {
  try {
    act();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems[0];
  }
  throw new Error('expected a ConfigError');
};

describe('loadPublicKeySet', () => {
  it('verifies with every key of the public set and cannot sign', () => {
    // Prepare
    const current = generatePrivateJwk('EdDSA', 'current');
    const previous = generatePrivateJwk('ES256', 'previous');

    // Act
    const keys = loadPublicKeySet(jwksJson(publicHalf(current), publicHalf(previous)));

    // Assess
    expect([...keys.verification.keys()]).toEqual(['current', 'previous']);
    expect(keys.algorithms).toEqual(['EdDSA', 'ES256']);
    expect(keys.jwks).toEqual(loadKeySet(jwksJson(current, previous)).jwks);
    expect(problemOf(() => keys.signing)).toMatch(/^JWT_PRIVATE_JWKS: is required to sign tokens/);
  });

  it('refuses private material, naming the public setting and the key but no key material', () => {
    const problem = problemOf(() => loadPublicKeySet(jwksJson(publicHalf(generatePrivateJwk()), generatePrivateJwk('EdDSA', 'leaked'))));

    expect(problem).toBe('JWT_PUBLIC_JWKS: key leaked holds private material ("d"): publish public keys only');
  });

  it.each([
    ['not JSON', 'nope'],
    ['no keys', '{"keys":[]}'],
    ['duplicate kid', jwksJson(publicHalf(generatePrivateJwk('EdDSA', 'x')), publicHalf(generatePrivateJwk('EdDSA', 'x')))],
    ['broken key material', jwksJson({ ...publicHalf(generatePrivateJwk()), x: 'AAAA' })],
  ])('rejects %s naming JWT_PUBLIC_JWKS', (_name, json) => {
    expect(problemOf(() => loadPublicKeySet(json))).toMatch(/^JWT_PUBLIC_JWKS: /);
  });
});

describe('publicKeySetOf and checkPublishes', () => {
  it('derives the public set of a private one: same keys, no signing', () => {
    const keys = loadKeySet(jwksJson(generatePrivateJwk('EdDSA', 'a'), generatePrivateJwk('ES256', 'b')));

    const pub = publicKeySetOf(keys);

    expect(pub.jwks).toEqual(keys.jwks);
    expect([...pub.verification.keys()]).toEqual(['a', 'b']);
    expect(() => pub.signing).toThrow(ConfigError);
    expect(() => checkPublishes(pub, keys)).not.toThrow();
  });

  it('passes while the public set also holds a key published ahead of its use (rotation)', () => {
    const current = generatePrivateJwk('EdDSA', 'current');
    const next = generatePrivateJwk('EdDSA', 'next');

    expect(() => checkPublishes(loadPublicKeySet(jwksJson(publicHalf(next), publicHalf(current))), loadKeySet(jwksJson(current)))).not.toThrow();
  });

  it('fails when the public set lacks the signing key, or holds another key under its kid', () => {
    const signing = loadKeySet(jwksJson(generatePrivateJwk('EdDSA', 'current')));
    const missing = loadPublicKeySet(jwksJson(publicHalf(generatePrivateJwk('EdDSA', 'other'))));
    const impostor = loadPublicKeySet(jwksJson(publicHalf(generatePrivateJwk('EdDSA', 'current'))));

    for (const pub of [missing, impostor]) {
      expect(problemOf(() => checkPublishes(pub, signing))).toBe(
        'JWT_PUBLIC_JWKS: does not hold the signing key "current" of JWT_PRIVATE_JWKS: set both from the same key set',
      );
    }
  });
});
