import { ConfigError } from '@nocturnal/core/config';
import { checkPublishes, loadKeySet, loadPublicKeySet, publicKeySetOf, type KeySet } from '@nocturnal/core/auth/keys';
import { defineClient } from '../runtime';

/**
 * The public key set, the one that verifies tokens and that the JWKS route
 * publishes: `JWT_PUBLIC_JWKS` where it is bound (verify-only functions get
 * nothing else), else derived from `JWT_PRIVATE_JWKS` (the container,
 * `npm start`). Parsed at init when warmed, so a bad key set fails the cold start.
 */
export const publicKeySet = defineClient({
  name: 'jwt-public-keys',
  resource: 'jwks',
  warm: true,
  create: (runtime): KeySet => {
    const { config } = runtime;
    if (config.JWT_PUBLIC_JWKS) return loadPublicKeySet(config.JWT_PUBLIC_JWKS);
    if (config.JWT_PRIVATE_JWKS) return publicKeySetOf(runtime.get(keySet));
    throw new ConfigError(['JWT_PUBLIC_JWKS: is required but not set']);
  },
});

/**
 * The key set the session use cases sign with: the private set, which must
 * be published by the public one (checked at init where both are bound). A
 * function without the private set gets the public one: it verifies, and
 * signing with it throws a ConfigError naming `JWT_PRIVATE_JWKS`.
 */
export const keySet = defineClient({
  name: 'jwt-keys',
  resource: 'jwt',
  warm: true,
  create: (runtime): KeySet => {
    const { config } = runtime;
    if (!config.JWT_PRIVATE_JWKS) return runtime.get(publicKeySet);
    const keys = loadKeySet(config.JWT_PRIVATE_JWKS);
    if (config.JWT_PUBLIC_JWKS) checkPublishes(runtime.get(publicKeySet), keys);
    return keys;
  },
});
