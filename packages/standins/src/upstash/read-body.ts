import type { IncomingMessage } from 'node:http';
import { ProxyRequestError } from './errors';

/**
 * Reads the request body, refusing more than `limitBytes` with a 413
 * {@link ProxyRequestError} (checked on Content-Length first, then while streaming).
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const tooLarge = () => new ProxyRequestError(413, `ERR request body larger than ${limitBytes} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      req.off('data', onData);
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
    // A client that hangs up mid-body: settle instead of waiting forever.
    req.once('close', () => {
      if (!req.complete) reject(new ProxyRequestError(400, 'ERR request body incomplete'));
    });
  });
}
