import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { compare as compareBcrypt } from 'bcryptjs';

/** Limits on a password, checked at the edge before any hashing. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
/** bcrypt as Express apps store it (`$2a$`, `$2b$`, `$2y$`, cost 04–31): 22 salt + 31 hash characters. */
const BCRYPT_FORMAT = /^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$/;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

interface Params {
  logN: number;
  r: number;
  p: number;
}

/**
 * Hashes a password with scrypt (N = 2^logN, r = 8, p = 1) and a random salt
 * into a self-describing string, `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, so the
 * parameters can be raised later (see {@link needsRehash}).
 *
 * @example
 * const stored = await hashPassword('correct horse battery', 17);
 * await verifyPassword('correct horse battery', stored); // true
 */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await derive(password, salt, { logN, r: R, p: P });
  return format({ logN, r: R, p: P }, salt, hash);
}

/** The hash schemes that can verify a password here; anything else never verifies. */
export type PasswordHashScheme = 'scrypt' | 'bcrypt';

/**
 * Which scheme a stored hash uses: `scrypt` (ours), `bcrypt` (imported from
 * the single-server API, replaced at the next login), or `undefined` for a
 * value that is neither and so matches no password.
 *
 * @example
 * passwordHashScheme('$2b$10$…'); // 'bcrypt'
 * passwordHashScheme('md5:abc');  // undefined
 */
export function passwordHashScheme(stored: string): PasswordHashScheme | undefined {
  if (parse(stored)) return 'scrypt';
  if (BCRYPT_FORMAT.test(stored)) return 'bcrypt';
  return undefined;
}

/**
 * Checks a password against a stored hash in constant time: one of ours, or a
 * legacy bcrypt hash (checked with `bcryptjs`; {@link needsRehash} is then
 * always true). A stored value of any other form verifies as `false`, never throws.
 *
 * @example
 * const ok = await verifyPassword(input, user?.passwordHash ?? dummyPasswordHash(17));
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return BCRYPT_FORMAT.test(stored) ? verifyBcrypt(password, stored) : false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/**
 * Whether a stored hash was made with other parameters than today's, or with
 * another scheme (bcrypt), so a successful login should store a fresh hash.
 *
 * @example
 * if (needsRehash(user.passwordHash, 17)) await users.update(id, { passwordHash: await hashPassword(pw, 17) });
 */
export function needsRehash(stored: string, logN: number): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.params.logN !== logN || parsed.params.r !== R || parsed.params.p !== P;
}

const dummies = new Map<number, string>();

/**
 * A well-formed hash that matches no password, with today's parameters:
 * verifying against it costs the same as a real check, so a login for an
 * unknown email takes as long as one with a wrong password.
 *
 * @example
 * await verifyPassword(password, dummyPasswordHash(17)); // false, after a full scrypt
 */
export function dummyPasswordHash(logN: number): string {
  let dummy = dummies.get(logN);
  if (!dummy) {
    dummy = format({ logN, r: R, p: P }, randomBytes(SALT_LENGTH), randomBytes(KEY_LENGTH));
    dummies.set(logN, dummy);
  }
  return dummy;
}

/** bcrypt hashed the bytes the old app received, so the input is not normalised here. */
async function verifyBcrypt(password: string, stored: string): Promise<boolean> {
  try {
    return await compareBcrypt(password, stored);
  } catch {
    return false;
  }
}

function derive(password: string, salt: Buffer, { logN, r, p }: Params): Promise<Buffer> {
  const N = 2 ** logN;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below OWASP's N = 2^17.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    // NFC: the same password typed on two keyboards gives the same bytes.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function format({ logN, r, p }: Params, salt: Buffer, hash: Buffer): string {
  return `$scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): { params: Params; salt: Buffer; hash: Buffer } | undefined {
  const m = FORMAT.exec(stored);
  if (!m) return undefined;
  const params = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.logN < 1 || params.logN > 24 || params.r < 1 || params.p < 1) return undefined;
  return { params, salt: Buffer.from(m[4]!, 'base64'), hash: Buffer.from(m[5]!, 'base64') };
}
