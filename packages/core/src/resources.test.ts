import { describe, expect, it } from 'vitest';
import { missingSettings, requiredSettings, RESOURCE_NAMES, secretsOf } from './resources';

describe('the resource table', () => {
  it('binds a verify-only function the public key set and no private key', () => {
    expect(secretsOf(['jwks', 'mongo'])).toEqual(['JWT_PUBLIC_JWKS', 'MONGODB_URI']);
    expect(secretsOf(['jwks'])).not.toContain('JWT_PRIVATE_JWKS');
  });

  it('binds a signing function (jwt, which implies jwks) the private set, and the public one to check it against', () => {
    expect(secretsOf(['jwks', 'jwt'])).toEqual(['JWT_PUBLIC_JWKS', 'JWT_PRIVATE_JWKS']);
    expect(requiredSettings(['jwks', 'jwt'])).toEqual(['JWT_PRIVATE_JWKS']);
  });

  it('requires the public set of a verify-only function, but not where the private set is required too', () => {
    expect(requiredSettings(['jwks', 'mongo'])).toEqual(['JWT_PUBLIC_JWKS', 'MONGODB_URI']);
    // The container runs every route: the public set is derived from the private one.
    expect(requiredSettings(RESOURCE_NAMES)).toEqual(['MONGODB_URI', 'JWT_PRIVATE_JWKS', 'BUCKET_NAME']);
  });

  it('counts a derivable setting as present when its source is set', () => {
    const set = (names: string[]) => (name: string) => names.includes(name);

    expect(missingSettings(['jwks'], set(['JWT_PRIVATE_JWKS']))).toEqual([]);
    expect(missingSettings(['jwks'], set(['JWT_PUBLIC_JWKS']))).toEqual([]);
    expect(missingSettings(['jwks', 'bucket'], set([]))).toEqual(['JWT_PUBLIC_JWKS', 'BUCKET_NAME']);
    expect(missingSettings(['jwt'], set(['JWT_PUBLIC_JWKS']))).toEqual(['JWT_PRIVATE_JWKS']);
  });
});
