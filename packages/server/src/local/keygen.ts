/** `npm run -s keygen`: prints a fresh private JWK set for the `JWT_PRIVATE_JWKS` secret. */
import { generateJwks } from './dev-keys';

process.stdout.write((await generateJwks()) + '\n');
