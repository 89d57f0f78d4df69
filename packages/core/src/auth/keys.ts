import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ConfigError } from '../config';

/** The JWS algorithms we sign and verify with. Anything else is rejected. */
export type SigningAlgorithm = 'EdDSA' | 'Ed25519' | 'ES256';

/** A public JWK as published at `/.well-known/jwks.json`: no private member. */
export interface PublicJwk {
  kty: 'OKP' | 'EC';
  crv: 'Ed25519' | 'P-256';
  x: string;
  y?: string;
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
}

export interface VerificationKey {
  kid: string;
  alg: SigningAlgorithm;
  key: KeyObject;
}

export interface KeySet {
  /** The first key of the set: every new token is signed with it. */
  signing: VerificationKey;
  /** Every key of the set by `kid`, the signing key included (rotation). */
  verification: ReadonlyMap<string, VerificationKey>;
  /** The algorithms present in the set: verification pins these. */
  algorithms: SigningAlgorithm[];
  /** The public half of the set, safe to publish. */
  jwks: { keys: PublicJwk[] };
}

const SETTING = 'JWT_PRIVATE_JWKS';

/**
 * Parses the `JWT_PRIVATE_JWKS` value, a JSON private JWK set `{keys: [...]}`:
 * the first key (private, Ed25519 or P-256) signs; every key (the current one
 * and previous ones kept during rotation, which may be public only) verifies.
 * Synchronous, so a bad key set fails at cold start. Throws {@link ConfigError}
 * without echoing key material.
 *
 * @example
 * const keys = loadKeySet(config.JWT_PRIVATE_JWKS);
 * keys.signing.kid; // "2f1c…"
 * JSON.stringify(keys.jwks); // public members only
 */
export function loadKeySet(json: string): KeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid('is not valid JSON');
  }
  const list = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list) || list.length === 0) throw invalid('must be a JWK set {"keys": [...]} with at least one key');
  const keys = list.map((jwk, i) => readKey(jwk, i));
  const verification = new Map<string, VerificationKey>();
  for (const k of keys) {
    if (verification.has(k.kid)) throw invalid(`kid "${k.kid}" appears twice`);
    verification.set(k.kid, { kid: k.kid, alg: k.alg, key: k.publicKey });
  }
  const first = keys[0]!;
  if (!first.privateKey) throw invalid('the first key signs, so it must be a private key (with "d")');
  return {
    signing: { kid: first.kid, alg: first.alg, key: first.privateKey },
    verification,
    algorithms: [...new Set(keys.map((k) => k.alg))],
    jwks: { keys: keys.map((k) => k.jwk) },
  };
}

interface ReadKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey?: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

function readKey(value: unknown, index: number): ReadKey {
  if (!value || typeof value !== 'object') throw invalid(`key ${index} is not an object`);
  const jwk = value as Record<string, unknown>;
  const kid = jwk.kid;
  if (typeof kid !== 'string' || kid === '') throw invalid(`key ${index} has no "kid"`);
  if (jwk.use !== undefined && jwk.use !== 'sig') throw invalid(`key ${kid}: "use" must be "sig"`);
  const alg = algorithmOf(jwk, kid);
  let privateKey: KeyObject | undefined;
  let publicKey: KeyObject;
  try {
    if (typeof jwk.d === 'string') {
      privateKey = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
      publicKey = createPublicKey(privateKey);
    } else {
      publicKey = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    }
  } catch {
    throw invalid(`key ${kid} is not a valid ${String(jwk.kty)} key`);
  }
  // Rebuilt from the public key object: no private or unexpected member can leak.
  const pub = publicKey.export({ format: 'jwk' }) as { kty: 'OKP' | 'EC'; crv: 'Ed25519' | 'P-256'; x: string; y?: string };
  if (jwk.x !== pub.x || (pub.y !== undefined && jwk.y !== pub.y)) throw invalid(`key ${kid}: public part does not match the private key`);
  const out: PublicJwk = { kty: pub.kty, crv: pub.crv, x: pub.x, ...(pub.y ? { y: pub.y } : {}), kid, alg, use: 'sig' };
  return { kid, alg, publicKey, jwk: out, ...(privateKey ? { privateKey } : {}) };
}

function algorithmOf(jwk: Record<string, unknown>, kid: string): SigningAlgorithm {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    if (jwk.alg === undefined) return 'EdDSA';
    if (jwk.alg === 'EdDSA' || jwk.alg === 'Ed25519') return jwk.alg;
  } else if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    if (jwk.alg === undefined || jwk.alg === 'ES256') return 'ES256';
  } else {
    throw invalid(`key ${kid}: only Ed25519 (OKP) and P-256 (EC) keys are supported`);
  }
  throw invalid(`key ${kid}: "alg" ${JSON.stringify(jwk.alg)} does not fit the key type`);
}

function invalid(reason: string): ConfigError {
  return new ConfigError([`${SETTING}: ${reason}`]);
}
