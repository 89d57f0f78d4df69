/**
 * The page the browser test loads: served from its own loopback port, so every
 * call it makes (to the API and to the bucket) is cross-origin, real CORS.
 */
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>upload</title></head>
<body>
<script type="module">
  const json = (token, body) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) },
    body: JSON.stringify(body),
  });
  // Everything a web app does, with fetch only: sign in, ask for a URL, PUT the bytes, complete, download.
  window.runUpload = async (api, email, password, text) => {
    const session = await (await fetch(api + '/api/v1/auth/register', json(null, { email, password }))).json();
    const token = session.accessToken;
    const file = new File([text], 'from-the-browser.txt', { type: 'text/plain' });
    const created = await fetch(api + '/api/v1/files', json(token, { filename: file.name, contentType: file.type, size: file.size }));
    const { file: record, upload } = await created.json();
    // The browser sets Content-Length itself (a forbidden header for scripts).
    const { 'content-length': _length, ...headers } = upload.headers;
    const put = await fetch(upload.url, { method: upload.method, headers, body: file });
    const done = await fetch(api + '/api/v1/files/' + record.id + '/complete', json(token, {}));
    const got = await (await fetch(api + '/api/v1/files/' + record.id, { headers: { authorization: 'Bearer ' + token } })).json();
    const downloaded = await (await fetch(got.download.url)).text();
    return { token, fileId: record.id, created: created.status, put: put.status, complete: done.status, downloaded };
  };
  document.body.dataset.ready = 'yes';
</script>
</body></html>`;

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export async function servePage(): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
