import httpJsonBodyParser from '@middy/http-json-body-parser';
import { HttpError } from '../errors';
import type { ChainMiddleware } from '../request-state';

const JSON_TYPE = /^application\/([a-z0-9.!#$&^_-]+\+)?json\s*(;|$)/i;

/**
 * Parses JSON bodies with `@middy/http-json-body-parser` (which replaces
 * `event.body` with the parsed value, so the body exists once), keeping this
 * API's answers: larger than `limitBytes` → 413 `PAYLOAD_TOO_LARGE` (the
 * parser has no limit), not JSON → 415 `UNSUPPORTED_MEDIA_TYPE`, unparseable
 * → 400 `MALFORMED_JSON` (the parser says 422). Requests without a body pass
 * through untouched.
 */
export function jsonBody(opts: { limitBytes: number }): ChainMiddleware {
  // The type is checked here (415 with Accept-Post, `application/json ;` allowed), so the parser only parses.
  const parser = httpJsonBodyParser({ disableContentTypeCheck: true });
  return {
    before: async function jsonBodyBefore(request) {
      const { event } = request;
      if (event.body === undefined || event.body === null || event.body === '') {
        event.body = undefined;
        return;
      }
      const bytes = event.isBase64Encoded ? Buffer.byteLength(event.body, 'base64') : Buffer.byteLength(event.body, 'utf8');
      if (bytes > opts.limitBytes) throw new HttpError('PAYLOAD_TOO_LARGE', `Request body exceeds ${opts.limitBytes} bytes`);
      if (!JSON_TYPE.test(event.headers?.['content-type'] ?? '')) {
        throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json', {
          headers: { 'accept-post': 'application/json' },
        });
      }
      try {
        await parser.before!(request as never);
      } catch (error) {
        throw new HttpError('MALFORMED_JSON', 'The request body is not valid JSON', { cause: error });
      }
      // The parser decodes base64 bodies: what follows sees the parsed value only.
      event.isBase64Encoded = false;
    },
  };
}
