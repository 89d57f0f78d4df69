/**
 * Typed errors with stable codes. Core throws these; the HTTP edge maps each
 * code to a status and a problem `type` through {@link ERROR_CODES}.
 *
 * @example
 * throw new AppError('EMAIL_TAKEN', 'That email is already registered');
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON body' },
  VALIDATION_FAILED: { status: 400, title: 'Request validation failed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  INVALID_TOKEN: { status: 401, title: 'Invalid or expired access token' },
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid email or password' },
  INVALID_REFRESH_TOKEN: { status: 401, title: 'Invalid or expired refresh token' },
  REFRESH_TOKEN_REUSED: { status: 401, title: 'Refresh token reuse detected' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  ACCOUNT_DISABLED: { status: 403, title: 'Account disabled' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  FILE_NOT_FOUND: { status: 404, title: 'File not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  EMAIL_TAKEN: { status: 409, title: 'Email already registered' },
  UPLOAD_MISSING: { status: 409, title: 'Upload not found in storage' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  FILE_TOO_LARGE: { status: 413, title: 'File too large' },
  QUOTA_EXCEEDED: { status: 413, title: 'Storage quota exceeded' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, title: 'File type not allowed' },
  UPLOAD_MISMATCH: { status: 422, title: 'Uploaded object does not match the declared file' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  DEPENDENCY_UNAVAILABLE: { status: 503, title: 'A dependency is unavailable' },
  GATEWAY_TIMEOUT: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Base URI of every problem `type`; each code gets `${PROBLEM_BASE}/${slug}`. */
export const PROBLEM_BASE = 'https://nocturnal-api.dev/problems';

/** `EMAIL_TAKEN` → `email-taken`. */
export function problemSlug(code: ErrorCode): string {
  return code.toLowerCase().replace(/_/g, '-');
}

export function problemType(code: ErrorCode): string {
  return `${PROBLEM_BASE}/${problemSlug(code)}`;
}

/** An error whose code is part of the public API. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Only errors below 500 show their message to clients. */
  readonly expose: boolean;
  /** Extra members for the problem document (e.g. validation issues). */
  readonly extensions: Record<string, unknown>;
  /** Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { extensions?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.expose = this.status < 500;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
