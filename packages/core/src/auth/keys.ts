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

/** The settings holding the key sets: the private one signs (and verifies), the public one only verifies. */
export const PRIVATE_KEYS_SETTING = 'JWT_PRIVATE_JWKS';
export const PUBLIC_KEYS_SETTING = 'JWT_PUBLIC_JWKS';
type KeySetting = typeof PRIVATE_KEYS_SETTING | typeof PUBLIC_KEYS_SETTING;

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
  const keys = readSet(json, PRIVATE_KEYS_SETTING);
  const first = keys[0]!;
  if (!first.privateKey) throw invalid(PRIVATE_KEYS_SETTING, 'the first key signs, so it must be a private key (with "d")');
  return { ...verifying(keys), signing: { kid: first.kid, alg: first.alg, key: first.privateKey } };
}

/**
 * Parses the `JWT_PUBLIC_JWKS` value, the public JWK set (what
 * `/.well-known/jwks.json` publishes): a key set that verifies and cannot
 * sign. Functions that only verify tokens are bound this one, never the
 * private set. A key with private material (`"d"`) is refused: the public
 * setting is not a place for it. Reading `signing` throws a
 * {@link ConfigError} naming `JWT_PRIVATE_JWKS`.
 *
 * @example
 * const keys = loadPublicKeySet(config.JWT_PUBLIC_JWKS);
 * keys.verification.has('2f1c…'); // true
 */
export function loadPublicKeySet(json: string): KeySet {
  const keys = readSet(json, PUBLIC_KEYS_SETTING);
  const withSecret = keys.find((k) => k.privateKey);
  if (withSecret) throw invalid(PUBLIC_KEYS_SETTING, `key ${withSecret.kid} holds private material ("d"): publish public keys only`);
  return verifyOnly(verifying(keys));
}

/** The public key set of a private one (containers and `npm start` derive it; Lambda is bound it). */
export function publicKeySetOf(keys: KeySet): KeySet {
  return verifyOnly({ verification: keys.verification, algorithms: keys.algorithms, jwks: keys.jwks });
}

/**
 * Fails when the public set does not hold the signing key of the private set:
 * tokens signed with it would be refused by every verifying function.
 */
export function checkPublishes(publicKeys: KeySet, privateKeys: KeySet): void {
  const { kid } = privateKeys.signing;
  const published = publicKeys.jwks.keys.find((k) => k.kid === kid);
  const signing = privateKeys.jwks.keys.find((k) => k.kid === kid)!;
  if (!published || published.x !== signing.x || published.y !== signing.y) {
    throw invalid(PUBLIC_KEYS_SETTING, `does not hold the signing key "${kid}" of ${PRIVATE_KEYS_SETTING}: set both from the same key set`);
  }
}

function readSet(json: string, setting: KeySetting): ReadKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid(setting, 'is not valid JSON');
  }
  const list = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list) || list.length === 0) throw invalid(setting, 'must be a JWK set {"keys": [...]} with at least one key');
  const keys = list.map((jwk, i) => readKey(jwk, i, setting));
  const kids = new Set<string>();
  for (const k of keys) {
    if (kids.has(k.kid)) throw invalid(setting, `kid "${k.kid}" appears twice`);
    kids.add(k.kid);
  }
  return keys;
}

function verifying(keys: ReadKey[]): Omit<KeySet, 'signing'> {
  return {
    verification: new Map(keys.map((k) => [k.kid, { kid: k.kid, alg: k.alg, key: k.publicKey }])),
    algorithms: [...new Set(keys.map((k) => k.alg))],
    jwks: { keys: keys.map((k) => k.jwk) },
  };
}

function verifyOnly(set: Omit<KeySet, 'signing'>): KeySet {
  return Object.defineProperty({ ...set }, 'signing', {
    enumerable: false,
    get(): never {
      throw new ConfigError([`${PRIVATE_KEYS_SETTING}: is required to sign tokens; this process holds the public key set only`]);
    },
  }) as KeySet;
}

interface ReadKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey?: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

function readKey(value: unknown, index: number, setting: KeySetting): ReadKey {
  if (!value || typeof value !== 'object') throw invalid(setting, `key ${index} is not an object`);
  const jwk = value as Record<string, unknown>;
  const kid = jwk.kid;
  if (typeof kid !== 'string' || kid === '') throw invalid(setting, `key ${index} has no "kid"`);
  if (jwk.use !== undefined && jwk.use !== 'sig') throw invalid(setting, `key ${kid}: "use" must be "sig"`);
  const alg = algorithmOf(jwk, kid, setting);
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
    throw invalid(setting, `key ${kid} is not a valid ${String(jwk.kty)} key`);
  }
  // Rebuilt from the public key object: no private or unexpected member can leak.
  const pub = publicKey.export({ format: 'jwk' }) as { kty: 'OKP' | 'EC'; crv: 'Ed25519' | 'P-256'; x: string; y?: string };
  if (jwk.x !== pub.x || (pub.y !== undefined && jwk.y !== pub.y)) throw invalid(setting, `key ${kid}: public part does not match the private key`);
  const out: PublicJwk = { kty: pub.kty, crv: pub.crv, x: pub.x, ...(pub.y ? { y: pub.y } : {}), kid, alg, use: 'sig' };
  return { kid, alg, publicKey, jwk: out, ...(privateKey ? { privateKey } : {}) };
}

function algorithmOf(jwk: Record<string, unknown>, kid: string, setting: KeySetting): SigningAlgorithm {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    if (jwk.alg === undefined) return 'EdDSA';
    if (jwk.alg === 'EdDSA' || jwk.alg === 'Ed25519') return jwk.alg;
  } else if (jwk.kty === 'EC' && jwk.crv === 'P-256') {
    if (jwk.alg === undefined || jwk.alg === 'ES256') return 'ES256';
  } else {
    throw invalid(setting, `key ${kid}: only Ed25519 (OKP) and P-256 (EC) keys are supported`);
  }
  throw invalid(setting, `key ${kid}: "alg" ${JSON.stringify(jwk.alg)} does not fit the key type`);
}

function invalid(setting: KeySetting, reason: string): ConfigError {
  return new ConfigError([`${setting}: ${reason}`]);
}
