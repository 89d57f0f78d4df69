import { readFileSync } from 'node:fs';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors';
import { routes, type RouteDef } from '../routes';
import { createApiDocument } from './document';

const doc = createApiDocument() as Record<string, any>;
const operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
  Object.entries<Record<string, any>>(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);
const byId = (id: string) => operations.find((o) => o.op.operationId === id)!.op;
const resolve = (node: Record<string, any>) =>
  node.$ref ? (node.$ref as string).slice(2).split('/').reduce((n: any, k) => n[k.replace(/~1/g, '/')], doc) : node;

describe('the OpenAPI document', () => {
  it('has one operation per row of the route table, at its method and path, and nothing else', () => {
    const rows = routes.filter((r) => r.path !== '$default').map((r) => `${r.id} ${r.method} ${r.path}`);
    expect(operations.map((o) => `${o.op.operationId} ${o.method} ${o.path}`).sort()).toEqual(rows.sort());
    expect(doc['x-default-route'].operationId).toBe(routes.find((r) => r.path === '$default')!.id);
  });

  it('fails for a row without response schemas, saying what to add and where', () => {
    const row: RouteDef = { id: 'files-rename', method: 'PATCH', path: '/api/v1/files/{id}', handler: 'packages/functions/src/files/rename.handler', auth: { role: 'user' }, rateLimit: 'api', resources: ['mongo'] };
    expect(() => createApiDocument([...routes, row])).toThrow(
      /route "files-rename" \(PATCH \/api\/v1\/files\/\{id\}\) has no response schemas: add 'files-rename': \{ tag, summary, input: .*, responses: \{ 200: \{ description, schema: <a zod schema> \} \}.* to packages\/functions\/src\/openapi\/operations\/files\.ts/,
    );
  });

  it('passes a standard validator (@readme/openapi-parser), as OpenAPI 3.1', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result).toMatchObject({ valid: true, specification: 'OpenAPI' });
    expect(doc.openapi).toBe('3.1.0');
  });

  it("takes info.version from package.json", () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'));
    expect(doc.info.version).toBe(version);
  });

  it('asks for a bearer token where the row needs one, and names the role', () => {
    for (const row of routes.filter((r) => r.path !== '$default')) {
      const op = byId(row.id);
      expect(op.security, row.id).toEqual(row.auth ? [{ bearerAuth: [] }] : undefined);
      expect(op['x-required-role'], row.id).toBe(row.auth ? row.auth.role : undefined);
    }
    expect(byId('admin-users-list').description).toContain('the `admin` role');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('answers every error as problem+json whose codes are catalogue codes of that status, and uses every code', () => {
    const used = new Set<string>();
    const responses = [...operations.map((o) => o.op.responses), doc['x-default-route'].responses];
    for (const all of responses) {
      for (const [status, raw] of Object.entries<Record<string, any>>(all)) {
        const schema = resolve(raw).content?.['application/problem+json']?.schema;
        if (!schema) continue;
        expect(schema.allOf).toEqual([{ $ref: '#/components/schemas/Problem' }]);
        for (const code of schema.properties.code.enum as (keyof typeof ERROR_CODES)[]) {
          expect(ERROR_CODES[code].status, code).toBe(Number(status));
          used.add(code);
        }
      }
    }
    expect([...used].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('declares the rate-limit headers where a policy counts the request, and Retry-After on its 429', () => {
    const list = byId('files-list').responses;
    expect(list['200'].headers.RateLimit).toEqual({ $ref: '#/components/headers/RateLimit' });
    expect(list['200'].headers['RateLimit-Policy']).toEqual({ $ref: '#/components/headers/RateLimit-Policy' });
    expect(list['429'].headers['Retry-After']).toEqual({ $ref: '#/components/headers/Retry-After' });
    expect(byId('health-live').responses['200'].headers.RateLimit).toBeUndefined();
    expect(doc.components.headers.RateLimit).toMatchObject({ required: true, schema: { pattern: expect.stringContaining(';r=') } });
  });

  it('describes the pagination cursors and links each list to its next page', () => {
    const list = byId('files-list');
    const cursor = list.parameters.find((p: any) => p.name === 'cursor');
    expect(cursor).toMatchObject({ in: 'query', schema: { type: 'string' } });
    expect(cursor.description).toContain('nextCursor');
    expect(list.responses['200'].links.next).toMatchObject({ operationId: 'files-list', parameters: { cursor: '$response.body#/nextCursor' } });
    expect(doc.components.schemas.FilePage.properties.nextCursor.type).toEqual(['string', 'null']);
  });

  it('states that the presigned upload must send upload.headers exactly', () => {
    const upload = doc.components.schemas.UploadRequest;
    expect(upload.properties.method.const).toBe('PUT');
    expect(upload.properties.headers.required).toEqual(['content-type', 'content-length']);
    expect(upload.properties.headers.description).toMatch(/exactly these headers/);
    expect(byId('files-create').description).toMatch(/\*\*exactly\*\* `upload.headers`/);
  });

  it('describes the JWKS, the 405 with Allow and the 400 for a bad target', () => {
    expect(byId('jwks').responses['200'].content['application/jwk-set+json'].schema).toEqual({ $ref: '#/components/schemas/Jwks' });
    const fallback = doc['x-default-route'].responses;
    expect(resolve(fallback['405']).headers.Allow).toEqual({ $ref: '#/components/headers/Allow' });
    expect(resolve(fallback['400']).content['application/problem+json'].schema.properties.code.enum).toContain('BAD_REQUEST');
  });
});
