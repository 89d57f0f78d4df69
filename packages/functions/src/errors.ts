/**
 * THE error catalogue of the HTTP API: every public `code` with its status and
 * title, the one place where error codes become HTTP. Core throws domain codes
 * (`@nocturnal/core/errors`); the middlewares, the gateway and Nginx's edge
 * answers add the codes only HTTP knows. Only errors below 500 show their
 * message; everything else becomes a generic 500 and is logged.
 *
 * @example
 * throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', { headers: { 'accept-post': 'application/json' } });
 */
import { AppError, isAppError, type DomainErrorCode } from '@nocturnal/core/errors';

export const ERROR_CODES = {
  /** A request target that is not a path (the gateway). */
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
  /** Node's server: the request did not arrive in time. */
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  EMAIL_TAKEN: { status: 409, title: 'Email already registered' },
  UPLOAD_MISSING: { status: 409, title: 'Upload not found in storage' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  FILE_TOO_LARGE: { status: 413, title: 'File too large' },
  QUOTA_EXCEEDED: { status: 413, title: 'Storage quota exceeded' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, title: 'File type not allowed' },
  /** Node's parser: the header block is over its limit (16 KiB). */
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  UPLOAD_MISMATCH: { status: 422, title: 'Uploaded object does not match the declared file' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  /** A dependency a request cannot do without is unreachable (the account store), or, from Nginx, no API instance answered. */
  DEPENDENCY_UNAVAILABLE: { status: 503, title: 'A dependency is unavailable' },
  GATEWAY_TIMEOUT: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Domain codes that answer as `VALIDATION_FAILED` on one input field. */
const FIELD_ERRORS = {
  INVALID_CURSOR: { in: 'query', path: 'cursor' },
  INVALID_FILE_SIZE: { in: 'body', path: 'size' },
} as const satisfies Partial<Record<DomainErrorCode, { in: string; path: string }>>;

/** Domain codes that answer as another public code. */
const ANSWERED_AS = {
  ACCOUNT_STATE_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
} as const satisfies Partial<Record<DomainErrorCode, ErrorCode>>;

// Compile-time check: every domain code has an HTTP answer.
type Unmapped = Exclude<DomainErrorCode, ErrorCode | keyof typeof FIELD_ERRORS | keyof typeof ANSWERED_AS>;
export const EVERY_DOMAIN_CODE_MAPPED: [Unmapped] extends [never] ? true : Unmapped = true;

/** Base URI of every problem `type`; each code gets `${PROBLEM_BASE}/${slug}`. */
export const PROBLEM_BASE = 'https://nocturnal-api.dev/problems';

/** `EMAIL_TAKEN` → `https://nocturnal-api.dev/problems/email-taken`. */
export function problemType(code: ErrorCode): string {
  return `${PROBLEM_BASE}/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** An error raised at the HTTP edge: a public code, plus headers for the response. */
export class HttpError extends AppError<ErrorCode> {
  readonly headers: Record<string, string>;
  constructor(
    code: ErrorCode,
    detail?: string,
    options: { extensions?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, detail, options);
    this.name = 'HttpError';
    this.headers = options.headers ?? {};
  }
}

/** What the client is told about a failure. */
export interface PublicError {
  code: ErrorCode;
  status: number;
  title: string;
  /** Undefined for internal errors: their message never reaches a client. */
  detail: string | undefined;
  extensions: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Maps any thrown value to its public error; anything not ours is `INTERNAL`. */
export function toPublicError(error: unknown): PublicError {
  if (!isAppError(error)) return publicOf('INTERNAL', undefined, {}, {});
  const field = (FIELD_ERRORS as Record<string, { in: string; path: string }>)[error.code];
  if (field) {
    const message = error.detail ?? error.code;
    return publicOf('VALIDATION_FAILED', `${field.in}.${field.path}: ${message}`, { errors: [{ ...field, message }] }, {});
  }
  const alias = (ANSWERED_AS as Record<string, ErrorCode>)[error.code];
  const code = (alias ?? (error.code in ERROR_CODES ? error.code : 'INTERNAL')) as ErrorCode;
  const headers = error instanceof HttpError ? error.headers : {};
  return publicOf(code, error.detail, error.extensions, headers);
}

function publicOf(code: ErrorCode, detail: string | undefined, extensions: Record<string, unknown>, headers: Record<string, string>): PublicError {
  const { status, title } = ERROR_CODES[code];
  const expose = status < 500;
  return { code, status, title, detail: expose ? (detail ?? title) : undefined, extensions: expose ? extensions : {}, headers: expose ? headers : {} };
}
