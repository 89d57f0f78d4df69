import { describe, expect, it } from 'vitest';
import { AppError, DOMAIN_ERROR_CODES } from '@nocturnal/core/errors';
import { ERROR_CODES, HttpError, problemType, toPublicError } from './errors';
import { problemResponse } from './problem';

describe('the error catalogue', () => {
  it('gives every domain code of core an HTTP answer below 500', () => {
    for (const code of DOMAIN_ERROR_CODES) {
      const pub = toPublicError(new AppError(code, 'why'));
      expect(pub.status, code).toBeGreaterThanOrEqual(400);
      expect(pub.status, code).toBeLessThan(500);
      expect(pub.code in ERROR_CODES, code).toBe(true);
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
});
