import { noMetrics } from '@nocturnal/core/observability/metrics';
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createLogger } from '@nocturnal/core/logger';
import { v2Event } from '../../../../test/helpers/events';
import { problemErrors } from './problem-errors';
import { requestContext } from './request-context';
import { MAX_LISTED_ERRORS, validate } from './validate';

const fields = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, z.number()]));
const handler = middy(async () => ({ statusCode: 200 }), { timeoutEarlyInMillis: 0 }).use([
  requestContext({ log: createLogger({ level: 'silent' }), metrics: noMetrics, routeId: 't' }),
  problemErrors(),
  validate({ query: z.strictObject(fields) }),
]) as unknown as (event: unknown) => Promise<{ statusCode: number; body: string }>;

describe('validate', () => {
  it(`lists at most ${MAX_LISTED_ERRORS} issues and counts the rest`, async () => {
    const query = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, 'not a number']));
    const res = await handler(v2Event({ method: 'GET', path: '/t', query }));
    const body = JSON.parse(res.body);

    expect(res.statusCode).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(body.errorsOmitted).toBe(30 - MAX_LISTED_ERRORS);
    expect(body.detail).toMatch(/; and 27 more$/);
  });

  it('cuts what echoes the input: one issue naming thousands of unknown keys stays small', async () => {
    const query = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`unknown_${i}`, '1']));
    const res = await handler(v2Event({ method: 'GET', path: '/t', query: { ...query, ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, '1'])) } }));

    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(8 * 1024);
  });
});
