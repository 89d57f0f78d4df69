import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodType } from 'zod';
import { HttpError } from '../errors';
import { getState } from '../state';

export interface InputSchemas {
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
}

/** Validates body, query and path parameters at the edge; 400 lists every issue. */
export function validate(schemas: InputSchemas): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: (request) => {
      const state = getState(request.event);
      const sources = {
        body: state.body,
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
