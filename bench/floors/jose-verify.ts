/**
 * Floor (a): jose verifies one access token with a public JWK imported at
 * init. Inputs come from the environment: FLOOR_PUBLIC_JWK, FLOOR_TOKEN.
 */
import { importJWK, jwtVerify } from 'jose';

const jwk = JSON.parse(process.env.FLOOR_PUBLIC_JWK!) as { alg: string };
const key = importJWK(jwk, jwk.alg);

export async function step(): Promise<void> {
  await jwtVerify(process.env.FLOOR_TOKEN!, await key, { issuer: 'nocturnal-api', audience: 'nocturnal-api' });
}
