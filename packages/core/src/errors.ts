/**
 * Typed domain errors with stable codes. Core says *what* went wrong; which
 * HTTP status, headers and problem `type` that becomes is decided at the HTTP
 * edge (`packages/functions/src/errors.ts`), which maps every code below.
 *
 * @example
 * throw new AppError('EMAIL_TAKEN', 'That email is already registered');
 */
export const DOMAIN_ERROR_CODES = [
  'INVALID_TOKEN',
  'INVALID_CREDENTIALS',
  'INVALID_REFRESH_TOKEN',
  'REFRESH_TOKEN_REUSED',
  'FORBIDDEN',
  'ACCOUNT_DISABLED',
  'USER_NOT_FOUND',
  'FILE_NOT_FOUND',
  'EMAIL_TAKEN',
  'UPLOAD_MISSING',
  'FILE_TOO_LARGE',
  'QUOTA_EXCEEDED',
  'FILE_TYPE_NOT_ALLOWED',
  'UPLOAD_MISMATCH',
  /** A pagination cursor this API did not issue. */
  'INVALID_CURSOR',
  /** A declared file size that is not a whole number of bytes ≥ 1. */
  'INVALID_FILE_SIZE',
  /** The account store could not be read to check a token: the request fails closed. */
  'ACCOUNT_STATE_UNAVAILABLE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** An error whose code is part of the public API. */
export class AppError<C extends string = DomainErrorCode> extends Error {
  readonly code: C;
  /** What happened, for the client; without it the edge uses the code's title. */
  readonly detail: string | undefined;
  /** Structured details for the client (e.g. the allowed types, the quota). */
  readonly extensions: Record<string, unknown>;

  constructor(code: C, detail?: string, options: { extensions?: Record<string, unknown>; cause?: unknown } = {}) {
    super(detail ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.extensions = options.extensions ?? {};
  }
}

export function isAppError(value: unknown): value is AppError<string> {
  return value instanceof AppError;
}
