import type { ServerResponse } from 'node:http';

/** Writes a JSON text response unless the client has already gone. */
export function sendJson(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(json)),
    ...headers,
  });
  res.end(json);
}

/** `{"error": message}` with `status`. Error messages are never base64-encoded. */
export function sendError(res: ServerResponse, status: number, message: string, headers?: Record<string, string>): void {
  sendJson(res, status, JSON.stringify({ error: message }), headers);
}
