import * as z from 'zod';
import type { RequirableSetting } from './resources';

/**
 * Configuration is parsed once, strictly, into one typed object. This module is
 * the only reader of `process.env`; inside Lambda the SST bindings
 * (`Config.*`, `Bucket.*`) are passed in as `overrides` and win over the environment.
 *
 * @example
 * const config = loadConfig(); // throws ConfigError naming every bad variable
 */
const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const optionalString = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s === '' ? undefined : s));

/** A limit written as `COUNT/WINDOW`, e.g. `100/1m`, `10/15m`, `20/1h`. */
const limit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      const m = /^(\d+)\/(\d+)(s|m|h|d)$/.exec(s.trim());
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `expected COUNT/WINDOW like 100/1m, got "${s}"` });
        return z.NEVER;
      }
      const unit = { s: 1, m: 60, h: 3600, d: 86400 }[m[3] as 's' | 'm' | 'h' | 'd'];
      return { limit: Number(m[1]), windowSeconds: Number(m[2]) * unit };
    });

export const configSchema = z
  .object({
    STAGE: z.string().default('local'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    PORT: int(3000),
    MONGODB_URI: optionalString.pipe(
      z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
    ),
    MONGODB_DB: z.string().default('nocturnal'),
    BUCKET_NAME: optionalString.pipe(z.string().min(3).optional()),
    S3_ENDPOINT: optionalString.pipe(z.string().url().optional()),
    S3_REGION: z.string().optional(),
    AWS_REGION: z.string().optional(),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** Redis over RESP (`redis://` or `rediss://`): the container and local servers' shared store. */
    REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
    UPSTASH_REDIS_REST_URL: optionalString.pipe(z.string().url().optional()),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    JWT_PRIVATE_JWKS: optionalString,
    JWT_PUBLIC_JWKS: optionalString,
    JWT_ISSUER: z.string().default('nocturnal-api'),
    JWT_AUDIENCE: z.string().default('nocturnal-api'),
    ACCESS_TOKEN_TTL_SECONDS: int(900),
    /** How long an instance reuses an account's state when checking tokens: the revocation bound (≤ 5 s). */
    AUTH_STATE_CACHE_MS: z.coerce.number().int().min(0).max(5_000).default(2_000),
    REFRESH_TOKEN_TTL_SECONDS: int(30 * 86400),
    PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
    CORS_ORIGINS: list(''),
    BODY_LIMIT_BYTES: int(1024 * 1024),
    RATE_LIMIT_AUTH: limit('10/15m'),
    RATE_LIMIT_LOGIN_FAILURES: limit('5/15m'),
    RATE_LIMIT_API: limit('100/1m'),
    RATE_LIMIT_UPLOADS: limit('20/1h'),
    RATE_LIMIT_STRICT_FACTOR: z.coerce.number().gt(0).max(1).default(0.2),
    RATE_LIMIT_STRICT_THRESHOLD: int(1000),
    RATE_LIMIT_STRICT_COOLDOWN_SECONDS: int(300),
    RATE_LIMIT_STRICT_WINDOW_SECONDS: int(60),
    /** Signals one client key may add per strict-mode window. */
    RATE_LIMIT_STRICT_CLIENT_CAP: z.coerce.number().int().min(1).default(50),
    /** Distinct client keys a window's signals must come from before strict mode can switch on. */
    RATE_LIMIT_STRICT_MIN_CLIENTS: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_STATE_CACHE_MS: int(5_000),
    RATE_LIMIT_REDIS_TIMEOUT_MS: int(500),
    RATE_LIMIT_BREAKER_SECONDS: int(15),
    FILES_ALLOWED_TYPES: list('image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv'),
    FILES_MAX_BYTES: int(25 * 1024 * 1024),
    FILES_QUOTA_BYTES: int(500 * 1024 * 1024),
    FILES_UPLOAD_URL_TTL_SECONDS: int(300),
    FILES_DOWNLOAD_URL_TTL_SECONDS: int(300),
    FILES_PENDING_MAX_AGE_HOURS: int(24),
    TRUSTED_PROXIES: list(''),
    WEB_CONCURRENCY: int(0),
    SHUTDOWN_GRACE_SECONDS: int(25),
    /**
     * Containers: the internal port of the Prometheus endpoint (`GET /metrics`),
     * never the public one; `off` serves no metrics and records none.
     */
    METRICS_PORT: z
      .union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)])
      .default(9464),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.UPSTASH_REDIS_REST_URL) !== Boolean(c.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: ['UPSTASH_REDIS_REST_TOKEN'],
        message: 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN go together',
      });
    }
    if (c.REDIS_URL && c.UPSTASH_REDIS_REST_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'choose one shared store: REDIS_URL (RESP) or UPSTASH_REDIS_REST_URL (REST)',
      });
    }
  });

type Raw = z.output<typeof configSchema>;
export type Config = Omit<Raw, 'S3_REGION' | 'AWS_REGION'> & { S3_REGION: string };
export type ConfigSource = Record<string, string | undefined>;

const KNOWN = new Set(Object.keys(configSchema.shape));
/** Variables with these prefixes are ours: an unknown one is a typo. */
const OUR_PREFIXES = [
  'MONGODB_', 'MONGO_', 'S3_', 'UPSTASH_', 'JWT_', 'RATE_LIMIT_', 'FILES_', 'CORS_', 'ACCESS_TOKEN_',
  'REFRESH_TOKEN_', 'BODY_', 'PASSWORD_', 'BUCKET_', 'LOG_', 'TRUSTED_', 'SHUTDOWN_', 'AUTH_', 'REDIS_', 'METRICS_',
];

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type { RequirableSetting };

/**
 * Parses a configuration source; throws {@link ConfigError} naming every bad
 * variable. `require` lists the settings this process cannot run without.
 */
export function parseConfig(source: ConfigSource, require: readonly RequirableSetting[] = []): Config {
  const problems: string[] = [];
  for (const name of require) {
    if (!source[name]) problems.push(`${name}: is required but not set`);
  }
  for (const name of Object.keys(source)) {
    if (!KNOWN.has(name) && OUR_PREFIXES.some((p) => name.startsWith(p))) {
      const near = [...KNOWN].find((k) => distance(k, name) <= 2);
      problems.push(`${name}: unknown variable${near ? ` (did you mean ${near}?)` : ''}`);
    }
  }
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      const missing = source[name] === undefined || source[name] === '';
      problems.push(`${name}: ${missing && issue.code === 'invalid_type' ? 'is required but not set' : issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const { AWS_REGION, S3_REGION, ...rest } = parsed.data;
  return { ...rest, S3_REGION: S3_REGION ?? AWS_REGION ?? 'us-east-1' };
}

/** Reads the environment (plus bindings) once. */
export function loadConfig(overrides: ConfigSource = {}, require: readonly RequirableSetting[] = []): Config {
  return parseConfig({ ...process.env, ...overrides }, require);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** A setting this code path cannot run without; names the variable when missing. */
export function requireSetting(config: Config, name: RequirableSetting): string {
  const value = config[name];
  if (!value) throw new ConfigError([`${name}: is required but not set`]);
  return value;
}
