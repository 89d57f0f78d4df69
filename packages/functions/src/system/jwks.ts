import { publicKeySet } from '../clients/keys';
import { json, publicRoute } from '../public-route';

/**
 * `GET /.well-known/jwks.json`: the public keys (current and previous), so
 * other services verify our access tokens without any secret. The function
 * is bound the public key set only. Cacheable for a few minutes: rotation
 * keeps the previous key in the set at least that long.
 */
export const handler = publicRoute('jwks', async ({ runtime }) =>
  json(200, runtime.get(publicKeySet).jwks, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' }),
);
