import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from '../errors';
import { getState } from '../state';

const JSON_TYPE = /^application\/([a-z0-9.!#$&^_-]+\+)?json\s*(;|$)/i;

/**
 * Parses JSON bodies: a body that is not JSON → 415, larger than `limitBytes`
 * → 413, unparseable → 400. Requests without a body pass through untouched.
 */
export function jsonBody(opts: { limitBytes: number }): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: (request) => {
      const { event } = request;
      if (event.body === undefined || event.body === null || event.body === '') return;
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
      if (raw.byteLength > opts.limitBytes) {
        throw new HttpError('PAYLOAD_TOO_LARGE', `Request body exceeds ${opts.limitBytes} bytes`);
      }
      const contentType = event.headers?.['content-type'] ?? '';
      if (!JSON_TYPE.test(contentType)) {
        throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', {
          headers: { 'accept-post': 'application/json' },
        });
      }
      try {
        getState(event).body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError('MALFORMED_JSON', 'The request body is not valid JSON');
      }
    },
  };
}
