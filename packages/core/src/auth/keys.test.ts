import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import { loadKeySet } from './keys';
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
