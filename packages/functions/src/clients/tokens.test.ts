/**
 * The key-set clients as each kind of function has them: verify-only (the
 * public set bound), signing (both sets bound), and the container (the
 * private set only, the public one derived).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@nocturnal/core/config';
import { loadKeySet } from '@nocturnal/core/auth/keys';
import { signAccessToken } from '@nocturnal/core/auth/sign-access-token';
import { generatePrivateJwk, jwksJson } from '@nocturnal/core/auth/testing';
import { createRuntime } from '../runtime';
import { keySet, publicKeySet, tokenVerifier } from './tokens';

const privateJwks = jwksJson(generatePrivateJwk('EdDSA', 'current'));
const publicJwks = JSON.stringify(loadKeySet(privateJwks).jwks);
const runtimeWith = (env: Record<string, string>) => createRuntime(parseConfig({ LOG_LEVEL: 'silent', ...env }));
const subject = { userId: 'u1', email: 'ada@example.com', role: 'user' as const, tokenVersion: 0 };
const settings = { issuer: 'nocturnal-api', audience: 'nocturnal-api', ttlSeconds: 60 };

describe('key-set clients', () => {
  it('verify-only: verifies tokens with the public set, and cannot sign', async () => {
    // Prepare
    const runtime = runtimeWith({ JWT_PUBLIC_JWKS: publicJwks });
    const { token } = await signAccessToken(loadKeySet(privateJwks), subject, settings);

    // Act
    const auth = await tokenVerifier(runtime)(token);

    // Assess
    expect(auth).toMatchObject({ userId: 'u1', role: 'user' });
    expect(runtime.get(publicKeySet).jwks).toEqual(JSON.parse(publicJwks));
    expect(() => runtime.get(keySet).signing).toThrow(ConfigError);
  });

  it('signing: signs with the private set when the public set publishes its key', async () => {
    const runtime = runtimeWith({ JWT_PRIVATE_JWKS: privateJwks, JWT_PUBLIC_JWKS: publicJwks });

    const { token } = await signAccessToken(runtime.get(keySet), subject, settings);

    await expect(tokenVerifier(runtime)(token)).resolves.toMatchObject({ userId: 'u1' });
  });

  it('signing: refuses to start when the public set does not publish the signing key', () => {
    const renamed = { ...JSON.parse(publicJwks).keys[0], kid: 'other' };
    const runtime = runtimeWith({ JWT_PRIVATE_JWKS: privateJwks, JWT_PUBLIC_JWKS: jwksJson(renamed) });

    expect(() => runtime.get(keySet)).toThrow(/JWT_PUBLIC_JWKS: does not hold the signing key "current"/);
  });

  it('container: derives the public set from the private one', () => {
    const runtime = runtimeWith({ JWT_PRIVATE_JWKS: privateJwks });

    expect(runtime.get(publicKeySet).jwks).toEqual(runtime.get(keySet).jwks);
  });

  it('names the public setting when neither set is there', () => {
    expect(() => runtimeWith({}).get(publicKeySet)).toThrow(/JWT_PUBLIC_JWKS: is required but not set/);
  });
});
