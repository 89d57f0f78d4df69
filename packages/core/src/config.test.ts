import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const base = { MONGODB_URI: 'mongodb://db:27017', BUCKET_NAME: 'uploads', JWT_PRIVATE_JWKS: '{"keys":[]}' };
const problemsOf = (source: Record<string, string>, require: Parameters<typeof parseConfig>[1] = []) => {
  try {
    parseConfig(source, require);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('parseConfig', () => {
  it('applies defaults and types', () => {
    const c = parseConfig(base);
    expect(c.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(c.RATE_LIMIT_API).toEqual({ limit: 100, windowSeconds: 60 });
    expect(c.RATE_LIMIT_AUTH).toEqual({ limit: 10, windowSeconds: 900 });
    expect(c.S3_REGION).toBe('us-east-1');
    expect(c.CORS_ORIGINS).toEqual([]);
  });

  it('parses lists, numbers and limits', () => {
    const c = parseConfig({ ...base, CORS_ORIGINS: 'https://a.example, https://b.example', PORT: '8080', RATE_LIMIT_UPLOADS: '5/2h', AWS_REGION: 'eu-west-1' });
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(c.PORT).toBe(8080);
    expect(c.RATE_LIMIT_UPLOADS).toEqual({ limit: 5, windowSeconds: 7200 });
    expect(c.S3_REGION).toBe('eu-west-1');
  });

  it('names a misspelled variable and suggests the right one', () => {
    const problems = problemsOf({ ...base, MONGODB_URL: 'x', RATE_LIMIT_APII: '1/1m' });
    expect(problems).toContain('MONGODB_URL: unknown variable (did you mean MONGODB_URI?)');
    expect(problems).toContain('RATE_LIMIT_APII: unknown variable (did you mean RATE_LIMIT_API?)');
  });

  it('names a missing required setting', () => {
    expect(problemsOf({}, ['MONGODB_URI', 'BUCKET_NAME'])).toEqual(['MONGODB_URI: is required but not set', 'BUCKET_NAME: is required but not set']);
  });

  it('rejects malformed values, naming each variable', () => {
    const problems = problemsOf({ ...base, MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud', RATE_LIMIT_API: 'lots', PORT: '-1' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'MONGODB_URI', 'PORT', 'RATE_LIMIT_API']);
  });

  it('needs the Upstash URL and token together', () => {
    expect(problemsOf({ ...base, UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' })[0]).toMatch(/^UPSTASH_REDIS_REST_TOKEN/);
  });
});
