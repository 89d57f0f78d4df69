/**
 * The HTTP side of a generated resource: the client context, the zod
 * schemas, one handler per route, the route rows, and the HTTP tests.
 */
export const CLIENT = `import type { __Plural__Context } from '@nocturnal/core/__kebab__/use-cases';
import { mongo__Singular__Repository } from '@nocturnal/core/__kebab__/__kebab__.mongo';
import { defineClient } from '../runtime';
import { mongoClient } from './mongo';

/** The __kebab__ context: the MongoDB repository, its index ensured once per process (at init when warmed). */
export const __camel__Context = defineClient({
  name: '__kebab__',
  resource: 'mongo',
  warm: true,
  create: async (runtime): Promise<__Plural__Context> => {
    const __camel__ = mongo__Singular__Repository(runtime.get(mongoClient).db);
    await __camel__.ensureIndexes();
    return { __camel__ };
  },
});
`;

export const SCHEMAS = `/** The zod schemas of the __kebab__ routes: strict objects of bounded primitives, and the answers. */
import * as z from 'zod';
import { nextCursor, objectId } from '../auth/schemas';

export const create__Singular__Body = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(10_000).optional(),
});

export const list__Plural__Query = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});

/** Any string: a non-canonical id answers exactly as an unknown one (404). */
export const __singular__Params = z.object({ id: z.string() });

// Responses: the document's schemas, and the handlers' answers are typed by them.

const timestamp = z.iso.datetime();

export const public__Singular__ = z
  .object({ id: objectId, title: z.string(), body: z.string(), createdAt: timestamp, updatedAt: timestamp })
  .meta({ id: '__Singular__', description: 'What the API shows of a __singular__.' });

export const __singular__Page = z
  .object({ items: z.array(public__Singular__), nextCursor })
  .meta({ id: '__Singular__Page', description: 'Own __kebab__, newest first.' });
`;

export const OPERATIONS = `import { create__Singular__Body, list__Plural__Query, public__Singular__, __singular__Page, __singular__Params } from '../../__kebab__/schemas';
import type { OperationSpecs } from '../spec';

const notYours = "Someone else's __singular__ answers 404 __UPPER___NOT_FOUND, exactly like an unknown id.";

export const __camel__Operations: OperationSpecs = {
  '__kebab__-create': {
    tag: '__Plural__',
    summary: 'Create a __singular__',
    input: { body: create__Singular__Body },
    responses: { 201: { description: 'The new __singular__.', schema: public__Singular__, headers: ['Location'] } },
  },
  '__kebab__-list': {
    tag: '__Plural__',
    summary: 'List my __kebab__',
    description: 'Newest first. Keyset pagination: pass nextCursor back as cursor until it is null.',
    input: { query: list__Plural__Query },
    responses: { 200: { description: 'One page of own __kebab__.', schema: __singular__Page } },
  },
  '__kebab__-get': {
    tag: '__Plural__',
    summary: 'Read a __singular__',
    description: 'The owner, or an admin, may read a __singular__. ' + notYours,
    input: { params: __singular__Params },
    responses: { 200: { description: 'The __singular__.', schema: public__Singular__ } },
    errors: ['__UPPER___NOT_FOUND'],
  },
  '__kebab__-delete': {
    tag: '__Plural__',
    summary: 'Delete a __singular__',
    description: 'Only the owner. ' + notYours,
    input: { params: __singular__Params },
    responses: { 204: { description: 'Deleted.' } },
    errors: ['__UPPER___NOT_FOUND'],
  },
};
`;

const handler = (file: string, doc: string, body: string) => [file, body.replace('__DOC__', doc)] as const;

export const HANDLERS = [
  handler(
    'create.ts',
    '`POST /api/v1/__kebab__` `{title, body?}` → 201 __singular__',
    `import { create__Singular__ } from '@nocturnal/core/__kebab__/use-cases';
import { callerOf } from '../caller';
import { __camel__Context } from '../clients/__kebab__';
import { route } from '../route';
import { reply } from '../openapi/reply';
import { create__Singular__Body, public__Singular__ } from './schemas';

/** __DOC__. */
export const handler = route(
  '__kebab__-create',
  async ({ runtime, auth, body }) => {
    const created = await create__Singular__(await runtime.get(__camel__Context), callerOf(auth), body);
    return reply(public__Singular__, 201, created, { location: \`/api/v1/__kebab__/\${created.id}\` });
  },
  { body: create__Singular__Body },
);
`,
  ),
  handler(
    'list.ts',
    '`GET /api/v1/__kebab__?limit=&cursor=` → 200 `{items, nextCursor}` (own, newest first)',
    `import { list__Plural__ } from '@nocturnal/core/__kebab__/use-cases';
import { callerOf } from '../caller';
import { __camel__Context } from '../clients/__kebab__';
import { route } from '../route';
import { reply } from '../openapi/reply';
import { list__Plural__Query, __singular__Page } from './schemas';

/** __DOC__. */
export const handler = route(
  '__kebab__-list',
  async ({ runtime, auth, query }) => reply(__singular__Page, 200, await list__Plural__(await runtime.get(__camel__Context), callerOf(auth), query)),
  { query: list__Plural__Query },
);
`,
  ),
  handler(
    'get.ts',
    '`GET /api/v1/__kebab__/{id}` → 200 __singular__ (owner or admin); 404',
    `import { get__Singular__ } from '@nocturnal/core/__kebab__/use-cases';
import { callerOf } from '../caller';
import { __camel__Context } from '../clients/__kebab__';
import { route } from '../route';
import { reply } from '../openapi/reply';
import { public__Singular__, __singular__Params } from './schemas';

/** __DOC__. */
export const handler = route(
  '__kebab__-get',
  async ({ runtime, auth, params }) => reply(public__Singular__, 200, await get__Singular__(await runtime.get(__camel__Context), callerOf(auth), params.id)),
  { params: __singular__Params },
);
`,
  ),
  handler(
    'delete.ts',
    '`DELETE /api/v1/__kebab__/{id}` → 204; 404',
    `import { delete__Singular__ } from '@nocturnal/core/__kebab__/use-cases';
import { callerOf } from '../caller';
import { __camel__Context } from '../clients/__kebab__';
import { route } from '../route';
import { __singular__Params } from './schemas';

/** __DOC__. */
export const handler = route(
  '__kebab__-delete',
  async ({ runtime, auth, params }) => {
    await delete__Singular__(await runtime.get(__camel__Context), callerOf(auth), params.id);
    return { status: 204 };
  },
  { params: __singular__Params },
);
`,
  ),
];

export const ROUTES = `import type { RouteDef } from '../route-types';

const dir = 'packages/functions/src/__kebab__';
const user = { role: 'user' } as const;
const small = { timeoutSeconds: 5, memoryMB: 256 } as const;

/** __Plural__: owner-scoped, in MongoDB. */
export const __camel__Routes: RouteDef[] = [
  { id: '__kebab__-create', method: 'POST', path: '/api/v1/__kebab__', handler: \`\${dir}/create.handler\`,
    auth: user, rateLimit: 'api', resources: ['mongo'], ...small },
  { id: '__kebab__-list', method: 'GET', path: '/api/v1/__kebab__', handler: \`\${dir}/list.handler\`,
    auth: user, rateLimit: 'api', resources: ['mongo'], ...small },
  { id: '__kebab__-get', method: 'GET', path: '/api/v1/__kebab__/{id}', handler: \`\${dir}/get.handler\`,
    auth: user, rateLimit: 'api', resources: ['mongo'], ...small },
  { id: '__kebab__-delete', method: 'DELETE', path: '/api/v1/__kebab__/{id}', handler: \`\${dir}/delete.handler\`,
    auth: user, rateLimit: 'api', resources: ['mongo'], ...small },
];
`;

export const INTEGRATION_TEST = `/** __Plural__ over HTTP: the routes, ownership, pagination, validation and account deletion. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../helpers/api';
import { createAdmin, NO_RATE_LIMITS, registerUser } from '../helpers/auth';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
}, 120_000);
afterAll(() => api?.stop());

const create = (token: string, body: unknown) => api.request('POST', '/api/v1/__kebab__', { token, body });

describe('/api/v1/__kebab__', () => {
  it('create → get → list → delete', async () => {
    const { accessToken: token } = await registerUser(api);
    const created = await create(token, { title: 'First', body: 'hello' });

    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(\`/api/v1/__kebab__/\${created.body.id}\`);
    expect((await api.request('GET', \`/api/v1/__kebab__/\${created.body.id}\`, { token })).body).toMatchObject({ title: 'First', body: 'hello' });
    expect((await api.request('GET', '/api/v1/__kebab__', { token })).body.items.map((n: any) => n.id)).toEqual([created.body.id]);
    expect((await api.request('DELETE', \`/api/v1/__kebab__/\${created.body.id}\`, { token })).status).toBe(204);
    expect((await api.request('GET', \`/api/v1/__kebab__/\${created.body.id}\`, { token })).body.code).toBe('__UPPER___NOT_FOUND');
  });

  it('needs a token; someone else\\'s __singular__ is not found; an admin may read it', async () => {
    const owner = await registerUser(api);
    const { body } = await create(owner.accessToken, { title: 'Private' });
    const stranger = await registerUser(api);

    expect((await api.request('GET', '/api/v1/__kebab__')).status).toBe(401);
    expect((await api.request('GET', \`/api/v1/__kebab__/\${body.id}\`, { token: stranger.accessToken })).status).toBe(404);
    expect((await api.request('DELETE', \`/api/v1/__kebab__/\${body.id}\`, { token: stranger.accessToken })).status).toBe(404);
    expect((await api.request('GET', \`/api/v1/__kebab__/\${body.id}\`, { token: (await createAdmin(api)).accessToken })).status).toBe(200);
  });

  it('validates at the edge and pages with an opaque cursor', async () => {
    const { accessToken: token } = await registerUser(api);
    expect((await create(token, { title: '' })).body.code).toBe('VALIDATION_FAILED');
    expect((await create(token, { title: 'x', extra: 1 })).body.code).toBe('VALIDATION_FAILED');
    for (let i = 0; i < 3; i++) await create(token, { title: \`n\${i}\` });
    const page = await api.request('GET', '/api/v1/__kebab__?limit=2', { token });
    const next = await api.request('GET', \`/api/v1/__kebab__?limit=2&cursor=\${page.body.nextCursor}\`, { token });
    expect([...page.body.items, ...next.body.items].map((n: any) => n.title)).toEqual(['n2', 'n1', 'n0']);
    expect((await api.request('GET', '/api/v1/__kebab__?cursor=bm9wZQ', { token })).body.code).toBe('VALIDATION_FAILED');
  });

  it('account deletion erases the user\\'s __kebab__', async () => {
    const session = await registerUser(api);
    const { body } = await create(session.accessToken, { title: 'Gone soon' });
    const admin = await createAdmin(api);

    expect((await api.request('DELETE', '/api/v1/users/me', { token: session.accessToken })).status).toBe(204);
    expect((await api.request('GET', \`/api/v1/__kebab__/\${body.id}\`, { token: admin.accessToken })).status).toBe(404);
  });
});
`;
