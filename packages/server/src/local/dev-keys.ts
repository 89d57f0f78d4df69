import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { loadKeySet } from '@nocturnal/core/auth/keys';

/**
 * The development signing key set: generated once and kept in the data folder,
 * so tokens survive a restart of `npm start`. Never used outside local runs.
 */
export async function loadOrCreateDevKeys(dataDir: string): Promise<string> {
  const file = join(dataDir, 'jwt-dev-keys.json');
  try {
    return await readFile(file, 'utf8');
  } catch {
    const jwks = await generateJwks();
    await mkdir(dataDir, { recursive: true });
    await writeFile(`${file}.tmp`, jwks, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    return jwks;
  }
}

/** A private JWK set with one Ed25519 key: the format of the `JWT_PRIVATE_JWKS` secret. */
export async function generateJwks(): Promise<string> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return JSON.stringify({ keys: [{ ...jwk, kid: randomUUID(), alg: 'EdDSA', use: 'sig' }] });
}

/** The public JWK set of a private one: the value of the `JWT_PUBLIC_JWKS` secret. */
export function publicJwksOf(privateJwks: string): string {
  return JSON.stringify(loadKeySet(privateJwks).jwks);
}
