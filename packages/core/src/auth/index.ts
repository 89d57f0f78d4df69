/** Tokens, keys and passwords: the public API of `@nocturnal/core/auth`. */
export { loadKeySet, type KeySet, type PublicJwk, type SigningAlgorithm, type VerificationKey } from './keys';
export { hasRole, isRole, ROLES, type Role } from './roles';
export {
  ACCESS_TOKEN_TYPE,
  signAccessToken,
  type AccessTokenSettings,
  type AccessTokenSubject,
  type SignedAccessToken,
} from './sign-access-token';
export { verifyAccessToken, type VerifiedAccessToken, type VerifyAccessTokenOptions } from './verify-access-token';
export {
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from './passwords';
export { createRefreshToken, hashRefreshToken, type NewRefreshToken } from './refresh-tokens';
