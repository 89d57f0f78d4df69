/**
 * Prints the public JWK set of a private one read from stdin: the value of the
 * `JWT_PUBLIC_JWKS` secret for the `JWT_PRIVATE_JWKS` one.
 *
 *   npm run -s keygen | tee private.json | npx tsx packages/server/src/local/public-jwks.ts
 */
import { text } from 'node:stream/consumers';
import { publicJwksOf } from './dev-keys';

process.stdout.write(publicJwksOf((await text(process.stdin)).trim()) + '\n');
