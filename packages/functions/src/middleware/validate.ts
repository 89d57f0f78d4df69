import type { ZodType } from 'zod';
import { HttpError } from '../errors';
import { stateOf, type ChainMiddleware } from '../request-state';

export interface InputSchemas {
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
}

/** Validates body, query and path parameters at the edge; 400 lists every issue. */
export function validate(schemas: InputSchemas): ChainMiddleware {
  return {
    before: function validateBefore(request) {
      const state = stateOf(request);
      const sources = {
        // The JSON parser has replaced the raw body with its parsed value.
        body: request.event.body as unknown,
        query: request.event.queryStringParameters ?? {},
        params: request.event.pathParameters ?? {},
      };
      const errors: Array<{ in: string; path: string; message: string }> = [];
      for (const part of ['params', 'query', 'body'] as const) {
        const schema = schemas[part];
        if (!schema) continue;
        const result = schema.safeParse(sources[part]);
        if (result.success) state.input[part] = result.data;
        else {
          for (const issue of result.error.issues) {
            errors.push({ in: part, path: issue.path.join('.'), message: issue.message });
          }
        }
      }
      if (errors.length > 0) {
        throw new HttpError('VALIDATION_FAILED', errors.map((e) => `${e.in}${e.path ? '.' + e.path : ''}: ${e.message}`).join('; '), {
          extensions: { errors },
        });
      }
    },
  };
}
