/**
 * The shared middy chain, driven for real: the same `buildChain` every route
 * uses, around a handler that echoes its validated input.
 */
import middy from '@middy/core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseConfig } from '@nocturnal/core/config';
import { AppError } from '@nocturnal/core/errors';
import { v2Event } from '../../../test/helpers/events';
import { buildChain } from './chain';
import { stateOf, type ChainContext } from './request-state';
import { toResult } from './route';
import type { RouteDef } from './route-types';
import { createRuntime } from './runtime';

let handler: (event: any) => Promise<any>;

beforeAll(() => {
  const runtime = createRuntime(parseConfig({ LOG_LEVEL: 'silent', CORS_ORIGINS: 'https://app.example.com', BODY_LIMIT_BYTES: '64' }));
  const def: RouteDef = { id: 'echo', method: 'POST', path: '/echo/{id}', handler: 'x.handler', auth: false, rateLimit: null, resources: [] };
  const schemas = {
    body: z.strictObject({ name: z.string().min(1) }),
    params: z.object({ id: z.string().regex(/^\d+$/) }),
  };
  handler = middy(async (_event: any, context: ChainContext) => {
    const { input } = stateOf({ context });
    if ((input.body as { name: string }).name === 'boom') throw new Error('db password is hunter2');
    if ((input.body as { name: string }).name === 'taken') throw new AppError('EMAIL_TAKEN', 'That email is taken');
    return toResult({ status: 201, body: input });
  }, { timeoutEarlyInMillis: 0 }).use(buildChain(def, schemas, runtime)) as any;
});

const post = (body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }, id = '7') =>
  handler(v2Event({ method: 'POST', path: `/echo/${id}`, body, headers, params: { id } }));
const problem = (res: any) => ({ status: res.statusCode, type: res.headers['content-type'], body: JSON.parse(res.body) });

describe('success path', () => {
  it('parses, validates and answers JSON with the request id and security headers', async () => {
    const res = await post('{"name":"Ada"}');
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ body: { name: 'Ada' }, params: { id: '7' } });
    expect(res.headers['x-request-id']).toMatch(/^req-/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('accepts application/*+json with parameters', async () => {
    const res = await post('{"name":"Ada"}', { 'content-type': 'application/merge-patch+json; charset=utf-8' });
    expect(res.statusCode).toBe(201);
  });
});

describe('problem+json errors', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const p = problem(await post('{"name":'));
    expect(p).toMatchObject({ status: 400, type: 'application/problem+json', body: { code: 'MALFORMED_JSON', status: 400 } });
    expect(p.body.type).toBe('https://nocturnal-api.dev/problems/malformed-json');
    expect(p.body.instance).toMatch(/^urn:nocturnal:request:req-/);
  });

  it('a body that is not JSON → 415', async () => {
    const p = problem(await post('name=Ada', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(p).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('a body over the cap → 413', async () => {
    const p = problem(await post(JSON.stringify({ name: 'x'.repeat(100) })));
    expect(p).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('invalid input → 400 with every issue, body and params', async () => {
    const p = problem(await post('{"name":"","extra":1}', undefined, 'abc'));
    expect(p).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const where = p.body.errors.map((e: { in: string; path: string }) => `${e.in}:${e.path}`).sort();
    expect(where).toEqual(['body:', 'body:name', 'params:id']);
  });

  it('a missing body on a route with a body schema → 400', async () => {
    expect(problem(await post(undefined)).body.code).toBe('VALIDATION_FAILED');
  });

  it('a typed error keeps its status and message', async () => {
    expect(problem(await post('{"name":"taken"}'))).toMatchObject({ status: 409, body: { code: 'EMAIL_TAKEN', detail: 'That email is taken' } });
  });

  it('an unexpected error → generic 500: no message, no stack', async () => {
    const res = await post('{"name":"boom"}');
    const p = problem(res);
    expect(p).toMatchObject({ status: 500, body: { code: 'INTERNAL' } });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toMatch(/\bat \w/);
    expect(res.headers['x-request-id']).toBeDefined();
  });
});

describe('CORS', () => {
  it('adds CORS headers for an allowed origin, on success and on errors', async () => {
    const ok = await post('{"name":"Ada"}', { 'content-type': 'application/json', origin: 'https://app.example.com' });
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const bad = await post('{', { 'content-type': 'application/json', origin: 'https://app.example.com' });
    expect(bad.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(bad.headers['access-control-expose-headers']).toContain('retry-after');
  });

  it('adds none for another origin', async () => {
    const res = await post('{"name":"Ada"}', { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
