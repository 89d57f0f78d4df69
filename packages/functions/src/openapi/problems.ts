/**
 * Error answers in the document: one `application/problem+json` schema (the
 * document `problem.ts` builds), and per operation one response per status,
 * whose `code` can only be the catalogue's codes of that status the operation
 * may answer.
 */
import * as z from 'zod';
import type { ZodOpenApiContentObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { ERROR_CODES, PROBLEM_BASE, problemType, type ErrorCode } from '../errors';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { responseHeaders, type HeaderName } from './headers';

const CODES = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

const fileShape = z.object({ size: z.number().int(), contentType: z.string().nullable() });

/** RFC 9457 problem details with this API's members; extensions as each code documents them. */
export const problem = z
  .looseObject({
    type: z.url().meta({ description: `\`${PROBLEM_BASE}/<code in kebab case>\`, e.g. \`${problemType('EMAIL_TAKEN')}\`.` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: 'What went wrong; generic for 5xx (the log has the cause).' }),
    instance: z.string().regex(/^urn:nocturnal:request:/),
    code: z.enum(CODES).meta({ description: 'Stable and machine-readable: assert on it, never on `detail`.' }),
    requestId: z.string(),
    errors: z
      .array(z.object({ in: z.enum(['params', 'query', 'body']), path: z.string(), message: z.string() }))
      .max(20)
      .optional()
      .meta({ description: '`VALIDATION_FAILED`: the issues, at most 20; paths and messages cut to 200 characters.' }),
    errorsOmitted: z.number().int().optional().meta({ description: '`VALIDATION_FAILED`: issues not listed.' }),
    policy: z.string().optional().meta({ description: '`RATE_LIMITED`: the policy that refused the request.' }),
    limit: z.number().int().optional().meta({ description: '`RATE_LIMITED`: its quota per window.' }),
    windowSeconds: z.number().int().optional(),
    retryAfter: z.number().int().optional().meta({ description: '`RATE_LIMITED`: seconds, as in `Retry-After`.' }),
    allowedTypes: z.array(z.string()).optional().meta({ description: '`FILE_TYPE_NOT_ALLOWED`: the types that may be uploaded.' }),
    maxBytes: z.number().int().optional().meta({ description: '`FILE_TOO_LARGE`: the largest file.' }),
    quotaBytes: z.number().int().optional().meta({ description: "`QUOTA_EXCEEDED`: the user's quota." }),
    usedBytes: z.number().int().optional().meta({ description: '`QUOTA_EXCEEDED`: bytes held or reserved before this upload.' }),
    expected: fileShape.optional().meta({ description: '`UPLOAD_MISMATCH`: what was declared.' }),
    received: fileShape.optional().meta({ description: '`UPLOAD_MISMATCH`: what the bucket holds (the object is deleted).' }),
  })
  .meta({ id: 'Problem', description: 'Every error answer (RFC 9457). The `code` values each operation can answer are listed per status.' });

/** Headers that come with some error statuses, whatever the route. */
const STATUS_HEADERS: Partial<Record<number, { required: HeaderName[]; optional: HeaderName[] }>> = {
  401: { required: [], optional: ['WWW-Authenticate'] },
  403: { required: [], optional: ['WWW-Authenticate'] },
  405: { required: ['Allow'], optional: [] },
  415: { required: [], optional: ['Accept-Post'] },
  429: { required: ['Retry-After'], optional: [] },
};

/** One response of the document before it is rendered: header names instead of schemas, so answers of one status merge. */
export interface ResponseParts {
  description: string;
  required: HeaderName[];
  optional: HeaderName[];
  content: ZodOpenApiContentObject;
  links?: ZodOpenApiResponseObject['links'];
}

/** The error responses of an operation that may answer `codes`, by status. */
export function problemResponses(codes: Iterable<ErrorCode>, opts: { rateLimited: boolean }): Record<number, ResponseParts> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<number, ResponseParts> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const list = CODES.filter((c) => byStatus.get(status)!.includes(c));
    const extra = STATUS_HEADERS[status] ?? { required: [], optional: [] };
    // The limiter's headers come with every answer made after it counted (a 429 always).
    const limited: HeaderName[] = opts.rateLimited ? ['RateLimit', 'RateLimit-Policy'] : [];
    responses[status] = {
      description: list.map((c) => `\`${c}\`: ${ERROR_CODES[c].title}`).join('; '),
      required: ['X-Request-Id', ...extra.required, ...(status === 429 ? limited : [])],
      optional: [...extra.optional, ...limited],
      content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchemaOf(status, list) } },
    };
  }
  return responses;
}

/** Two answers with one status (a report or a problem): either body, the headers both always carry. */
export function mergeResponses(a: ResponseParts, b: ResponseParts): ResponseParts {
  const required = a.required.filter((h) => b.required.includes(h));
  const all = [...new Set([...a.required, ...a.optional, ...b.required, ...b.optional])];
  return {
    description: `${a.description} Or a problem: ${b.description}`,
    required,
    optional: all.filter((h) => !required.includes(h)),
    content: { ...a.content, ...b.content },
    ...(a.links || b.links ? { links: { ...a.links, ...b.links } } : {}),
  };
}

/** The response object zod-openapi renders. */
export function renderResponse(parts: ResponseParts): ZodOpenApiResponseObject {
  return {
    description: parts.description,
    headers: responseHeaders(parts.required, parts.optional),
    ...(Object.keys(parts.content).length ? { content: parts.content } : {}),
    ...(parts.links ? { links: parts.links } : {}),
  };
}

/** The problem schema narrowed to one status and its codes (plain JSON Schema over the registered `Problem`). */
function problemSchemaOf(status: number, codes: ErrorCode[]) {
  return {
    allOf: [{ $ref: '#/components/schemas/Problem' }],
    properties: { status: { type: 'integer' as const, const: status }, code: { type: 'string' as const, enum: codes } },
  };
}
