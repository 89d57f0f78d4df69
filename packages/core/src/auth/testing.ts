/**
 * Helpers for tests only (never imported by runtime code): key sets and
 * hand-made tokens for attack cases that jose itself refuses to produce.
 */
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

export type TestAlgorithm = 'EdDSA' | 'ES256';

/** A private JWK with `kid`, `alg` and `use`, as stored in `JWT_PRIVATE_JWKS`. */
export function generatePrivateJwk(alg: TestAlgorithm = 'EdDSA', kid: string = randomUUID()): Record<string, unknown> {
  const { privateKey } =
    alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
}

/** The `JWT_PRIVATE_JWKS` string for these keys (first one signs). */
export function jwksJson(...keys: Array<Record<string, unknown>>): string {
  return JSON.stringify({ keys });
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `header.payload.` with an empty signature (`alg: none`). */
export function unsignedToken(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  return `${b64(header)}.${b64(payload)}.`;
}

/** HS256 with an arbitrary secret (e.g. the public key: the classic key-confusion attack). */
export function hmacToken(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Signs any header with an Ed25519 key, so tests can add members jose would refuse (`jwk`, `jku`). */
export function ed25519Token(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}
