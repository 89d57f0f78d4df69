import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, DOMAIN_ERROR_CODES } from '@nocturnal/core/errors';
import { ERROR_CODES, HttpError, problemType, toPublicError } from './errors';
import { problemResponse } from './problem';
import { PROJECT_ROOT } from '../../server/src/project-root';
import { renderNginxConfig } from '../../server/src/container/nginx-config';

/** The production sources of every package (tests, test support and core's list of domain codes excluded). */
const CORE_CODES = join(PROJECT_ROOT, 'packages', 'core', 'src', 'errors.ts');
function productionSources(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/(\.test|testing)\.ts$/.test(entry.name) && path !== CORE_CODES) out.push(readFileSync(path, 'utf8'));
    }
  };
  for (const pkg of ['core', 'functions', 'server']) walk(join(PROJECT_ROOT, 'packages', pkg, 'src'));
  return out.join('\n');
}

describe('the error catalogue', () => {
  it('gives every domain code of core an HTTP answer: a client error, or 503 for an unreachable store', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      const pub = toPublicError(new AppError(code, 'why'));
      expect(pub.code in ERROR_CODES, code).toBe(true);
      if (code === 'ACCOUNT_STATE_UNAVAILABLE') expect(pub).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE', detail: undefined });
      else expect([pub.status >= 400, pub.status < 500], code).toEqual([true, true]);
    }
  });

  it('answers a forged cursor as a validation failure on query.cursor', () => {
    const { response } = problemResponse(new AppError('INVALID_CURSOR', 'not a cursor from this API'));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body!)).toMatchObject({
      code: 'VALIDATION_FAILED',
      type: problemType('VALIDATION_FAILED'),
      detail: 'query.cursor: not a cursor from this API',
      errors: [{ in: 'query', path: 'cursor', message: 'not a cursor from this API' }],
    });
  });

  it('uses the title when core gives no detail, and keeps the edge headers', () => {
    expect(toPublicError(new AppError('USER_NOT_FOUND')).detail).toBe('User not found');
    const pub = toPublicError(new HttpError('RATE_LIMITED', 'slow down', { headers: { 'retry-after': '3' } }));
    expect(pub).toMatchObject({ status: 429, detail: 'slow down', headers: { 'retry-after': '3' } });
  });

  it('hides the message, details and headers of anything that is not ours', () => {
    const pub = toPublicError(new Error('db password is hunter2'));
    expect(pub).toEqual({ code: 'INTERNAL', status: 500, title: 'Internal server error', detail: undefined, extensions: {}, headers: {} });
    expect(toPublicError(new HttpError('GATEWAY_TIMEOUT', 'the function took 10 s')).detail).toBeUndefined();
  });

  it('lists only codes that something produces: core, the chain, the gateway or the Nginx edge', () => {
    const sources = productionSources() + renderNginxConfig({ upstreams: ['app:3000'] });
    const unused = Object.keys(ERROR_CODES).filter((code) => !sources.includes(`'${code}'`) && !sources.includes(`"code":"${code}"`));
    expect(unused).toEqual([]);
  });
});

describe('the README', () => {
  it("lists exactly the catalogue's codes with their statuses in its Errors table", () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('\n## ', readme.indexOf('## Errors') + 1));
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { status }]) => [code, status])));
    expect(rows.length, 'each code once').toBe(Object.keys(ERROR_CODES).length);
  });
});
