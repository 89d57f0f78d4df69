/**
 * A client team's view: types generated from the OpenAPI document
 * (openapi-typescript, `npm run openapi`) and a typed fetch client
 * (openapi-fetch) drive the main flow against the running API. The file is
 * type-checked by `npm run typecheck`: a path, parameter, body or answer that
 * the document does not have breaks the build, as the expected errors below prove.
 */
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components, paths } from '../../packages/functions/src/openapi/generated/openapi-types';
import { startTestApi, type TestApi } from '../helpers/api';
import { NO_RATE_LIMITS, PASSWORD, uniqueEmail } from '../helpers/auth';

type Client = ReturnType<typeof createClient<paths>>;

let api: TestApi;
let client: Client;

beforeAll(async () => {
  api = await startTestApi(NO_RATE_LIMITS);
  client = createClient<paths>({ baseUrl: api.url });
}, 120_000);
afterAll(() => api?.stop());

/** What a client does with `upload`: the bytes straight to the bucket, with exactly the returned headers. */
const putToBucket = (upload: components['schemas']['UploadRequest'], bytes: Uint8Array) =>
  fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });

describe('a typed client generated from the document', () => {
  it('register → login → users/me → create upload → PUT to S3 → complete → list → download → delete', async () => {
    const email = uniqueEmail('typed');
    const registered = await client.POST('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Ada' } });
    expect(registered.response.status).toBe(201);

    const login = await client.POST('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    const session: components['schemas']['Session'] = login.data!;
    const auth = { headers: { authorization: `${session.tokenType} ${session.accessToken}` } };

    const me = await client.GET('/api/v1/users/me', auth);
    const role: 'user' | 'admin' = me.data!.role;
    expect([me.data!.email, me.data!.name, role]).toEqual([email, 'Ada', 'user']);

    const bytes = new TextEncoder().encode(`typed bytes ${Date.now()}`);
    const created = await client.POST('/api/v1/files', { ...auth, body: { filename: 'typed.txt', contentType: 'text/plain', size: bytes.byteLength } });
    const { file, upload } = created.data!;
    expect([created.response.status, file.status, upload.headers['content-length']]).toEqual([201, 'pending', String(bytes.byteLength)]);

    expect((await putToBucket(upload, bytes)).status).toBe(200);

    const completed = await client.POST('/api/v1/files/{id}/complete', { ...auth, params: { path: { id: file.id } } });
    expect(completed.data!.status).toBe('ready');

    const listed = await client.GET('/api/v1/files', { ...auth, params: { query: { limit: 10, status: 'ready' } } });
    expect(listed.data!.items.map((f) => f.id)).toEqual([file.id]);
    expect(listed.data!.nextCursor).toBeNull();

    const got = await client.GET('/api/v1/files/{id}', { ...auth, params: { path: { id: file.id } } });
    const download = got.data!.download!;
    const downloaded = await fetch(download.url, { method: download.method });
    expect(await downloaded.text()).toBe(new TextDecoder().decode(bytes));

    const deleted = await client.DELETE('/api/v1/files/{id}', { ...auth, params: { path: { id: file.id } } });
    expect(deleted.response.status).toBe(204);
    const gone = await client.GET('/api/v1/files/{id}', { ...auth, params: { path: { id: file.id } } });
    expect(gone.error?.code).toBe('FILE_NOT_FOUND');
  });

  it('types the problems each status can carry', async () => {
    const { error, response } = await client.POST('/api/v1/auth/login', { body: { email: uniqueEmail('nobody'), password: 'wrong-password-123' } });
    expect(response.status).toBe(401);
    expect([error?.code, error?.requestId]).toEqual(['INVALID_CREDENTIALS', response.headers.get('x-request-id')]);
  });
});

/** Never run: compiled only. Each line is an error `npm run typecheck` must report, or the build breaks. */
export async function typeErrorsTheDocumentCatches(c: Client): Promise<void> {
  // @ts-expect-error: no such path in the document
  void c.GET('/api/v1/nope');
  // @ts-expect-error: register needs a password
  void c.POST('/api/v1/auth/register', { body: { email: 'a@b.co' } });
  // @ts-expect-error: the file id is a path parameter, not a query
  void c.GET('/api/v1/files/{id}', { params: { query: { id: 'x' } } });
  // @ts-expect-error: a status filter the document does not list
  void c.GET('/api/v1/files', { params: { query: { status: 'archived' } } });
  // @ts-expect-error: users/me is GET, PATCH and DELETE only
  void c.PUT('/api/v1/users/me', { body: {} });
  const user = {} as components['schemas']['User'];
  // @ts-expect-error: a user has no passwordHash
  void user.passwordHash;
  const { error } = await c.POST('/api/v1/auth/login', { body: { email: 'a@b.co', password: 'x' } });
  const known: NonNullable<typeof error>['code'] = 'INVALID_CREDENTIALS';
  // @ts-expect-error: login never answers FILE_NOT_FOUND
  const unknown: NonNullable<typeof error>['code'] = 'FILE_NOT_FOUND';
  void [known, unknown];
}
