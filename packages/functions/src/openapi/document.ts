/**
 * THE OpenAPI 3.1 document, generated from the route table (paths, methods,
 * auth, rate limits) and the zod schemas (the input schemas the chain
 * validates with, the response schemas handlers are typed by), plus the error
 * catalogue. Every row has exactly one operation; `$default` is described by
 * the `x-default-route` extension, since no path can name "any other path".
 *
 * @example
 * const doc = apiDocument(); // memoised; what GET /openapi.json answers
 */
import * as z from 'zod';
import { createDocument, type ZodOpenApiObject, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodObjectInput } from 'zod-openapi';
import { version } from '../../../../package.json';
import type { ErrorCode } from '../errors';
import { routes as routeTable } from '../routes';
import type { RouteDef } from '../route-types';
import { chainErrors } from './chain-errors';
import { API_DESCRIPTION, DEFAULT_ROUTE_DESCRIPTION } from './descriptions';
import { HEADER_COMPONENTS, type HeaderName } from './headers';
import { OPERATION_FILES, OPERATIONS } from './operations/index';
import { mergeResponses, problem, problemResponses, renderResponse, type ResponseParts } from './problems';
import { TAGS, type OperationSpec, type OperationSpecs } from './spec';

/** Answered for any request before it reaches a route (the gateways and Node's parser). */
const BEFORE_ROUTING: ErrorCode[] = ['BAD_REQUEST', 'REQUEST_TIMEOUT', 'HEADERS_TOO_LARGE'];

export function createApiDocument(table: readonly RouteDef[] = routeTable, operations: OperationSpecs = OPERATIONS): ReturnType<typeof createDocument> {
  checkCoverage(table, operations);
  const paths: ZodOpenApiPathsObject = {};
  for (const def of table) {
    if (def.path === '$default') continue;
    if (def.method === 'ANY') throw new Error(`route "${def.id}": ANY is only for $default; give the row a method`);
    paths[def.path] = { ...paths[def.path], [def.method.toLowerCase()]: operationOf(def, operations[def.id]!) };
  }
  const fallback = table.find((r) => r.path === '$default');
  const defaultResponses = fallback ? defaultRouteResponses(fallback) : {};
  const doc: ZodOpenApiObject = {
    openapi: '3.1.0',
    info: { title: 'Nocturnal API', version, description: API_DESCRIPTION },
    servers: [{ url: '/', description: 'The origin that serves this document' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { Problem: problem },
      // Registered once: a response that must carry one refers to it; an optional one is inlined.
      headers: HEADER_COMPONENTS,
      responses: Object.fromEntries(Object.entries(defaultResponses).map(([status, parts]) => [`DefaultRoute${status}`, renderResponse(parts)])),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from register, login, refresh or a password change. Checked against its account on every request, so a revoked token stops working.',
        },
      },
    },
    ...(fallback
      ? {
          'x-default-route': {
            operationId: fallback.id,
            description: DEFAULT_ROUTE_DESCRIPTION,
            responses: Object.fromEntries(Object.keys(defaultResponses).map((s) => [s, { $ref: `#/components/responses/DefaultRoute${s}` }])),
          },
        }
      : {}),
  };
  return createDocument(doc);
}

let memo: ReturnType<typeof createDocument> | undefined;

/** The document of this route table, built once per process. */
export function apiDocument(): ReturnType<typeof createDocument> {
  return (memo ??= createApiDocument());
}

function operationOf(def: RouteDef, spec: OperationSpec): ZodOpenApiOperationObject {
  const { body, params } = spec.input ?? {};
  const query = spec.input?.query as ZodObjectInput | undefined;
  const pathParams = (params ?? implicitParams(def.path)) as ZodObjectInput | undefined;
  const rateLimited = def.rateLimit !== null;
  const responses: Record<number, ResponseParts> = {};
  for (const [status, res] of Object.entries(spec.responses)) {
    const limited: HeaderName[] = rateLimited ? ['RateLimit', 'RateLimit-Policy'] : [];
    responses[Number(status)] = {
      description: res.description,
      required: ['X-Request-Id', ...limited, ...(res.headers ?? [])],
      optional: [],
      content: res.schema ? { [res.contentType ?? 'application/json']: { schema: res.schema } } : {},
      ...(res.links ? { links: res.links } : {}),
    };
  }
  for (const [status, parts] of Object.entries(problemResponses([...chainErrors(def, spec.input), ...(spec.errors ?? [])], { rateLimited }))) {
    const own = responses[Number(status)];
    responses[Number(status)] = own ? mergeResponses(own, parts) : parts;
  }
  return {
    operationId: def.id,
    tags: [spec.tag],
    summary: spec.summary,
    description: [spec.description, ...guardNotes(def)].filter(Boolean).join('\n\n'),
    ...(def.auth ? { security: [{ bearerAuth: [] }], 'x-required-role': def.auth.role } : {}),
    ...(def.rateLimit ? { 'x-rate-limit-policy': def.rateLimit } : {}),
    ...(pathParams || query ? { requestParams: { ...(pathParams ? { path: pathParams } : {}), ...(query ? { query } : {}) } } : {}),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses: Object.fromEntries(Object.entries(responses).map(([s, parts]) => [s, renderResponse(parts)])),
  };
}

/** What the row adds to the operation's words: who may call it, which policy counts it. */
function guardNotes(def: RouteDef): string[] {
  const notes: string[] = [];
  if (def.auth) notes.push(`**Auth:** a bearer access token with the \`${def.auth.role}\` role${def.auth.role === 'admin' ? ' (the account is re-read on every request; 503 when it cannot be)' : ''}.`);
  if (def.rateLimit) notes.push(`**Rate limit:** the \`${def.rateLimit}\` policy (\`RATE_LIMIT_${def.rateLimit.toUpperCase()}\`).`);
  return notes;
}

/** A path parameter without a schema of its own is a string. */
function implicitParams(path: string): z.ZodObject | undefined {
  const names = [...path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]!);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

/** `$default`: preflights, 404, 405, and what any request can get before routing. */
function defaultRouteResponses(def: RouteDef): Record<number, ResponseParts> {
  const preflight: ResponseParts = {
    description: 'A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin; answered before any auth.',
    required: ['X-Request-Id'],
    optional: [],
    content: {},
  };
  return { 204: preflight, ...problemResponses([...chainErrors(def), 'NOT_FOUND', 'METHOD_NOT_ALLOWED', ...BEFORE_ROUTING], { rateLimited: false }) };
}

function checkCoverage(table: readonly RouteDef[], operations: OperationSpecs): void {
  const missing = table.filter((r) => r.path !== '$default' && !operations[r.id]);
  if (missing.length) throw new Error(missing.map(askFor).join('\n'));
  const rowless = Object.keys(operations).filter((id) => !table.some((r) => r.id === id && r.path !== '$default'));
  if (rowless.length) throw new Error(`operations without a row in the route table: ${rowless.join(', ')}; remove them from packages/functions/src/openapi/operations/`);
}

function askFor(def: RouteDef): string {
  const area = /src\/([^/]+)\//.exec(def.handler)?.[1] ?? '';
  const file = OPERATION_FILES[area as keyof typeof OPERATION_FILES] ?? `${area}.ts (and add it to operations/index.ts)`;
  return (
    `route "${def.id}" (${def.method} ${def.path}) has no response schemas: add ` +
    `'${def.id}': { tag, summary, input: <the schemas its handler passes to route()>, responses: { 200: { description, schema: <a zod schema> } }, errors: [<codes its use case throws>] } ` +
    `to packages/functions/src/openapi/operations/${file}, and type the handler's answer with reply(<that schema>, …)`
  );
}
