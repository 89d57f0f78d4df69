import type { ZodType } from 'zod';
import { HttpError } from '../errors';
import { stateOf, type ChainMiddleware } from '../request-state';

export interface InputSchemas {
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
}

/** At most this many issues are listed; `errorsOmitted` counts the rest. */
export const MAX_LISTED_ERRORS = 20;
/** Paths and messages echo the input (unknown keys): each is cut to this many characters. */
const MAX_TEXT = 200;
const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * Validates body, query and path parameters at the edge; 400 lists the
 * issues, bounded: the first {@link MAX_LISTED_ERRORS}, each cut short, so no
 * error body grows with the input beyond a small constant.
 */
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
            errors.push({ in: part, path: cut(issue.path.join('.')), message: cut(issue.message) });
          }
        }
      }
      if (errors.length > 0) {
        const listed = errors.slice(0, MAX_LISTED_ERRORS);
        const omitted = errors.length - listed.length;
        const detail = listed.slice(0, 3).map((e) => `${e.in}${e.path ? '.' + e.path : ''}: ${e.message}`).join('; ');
        throw new HttpError('VALIDATION_FAILED', errors.length > 3 ? `${detail}; and ${errors.length - 3} more` : detail, {
          extensions: { errors: listed, ...(omitted > 0 ? { errorsOmitted: omitted } : {}) },
        });
      }
    },
  };
}
