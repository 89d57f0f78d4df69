/** The ceiling: a bare node:http hello world answering what /health answers. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exitWithParent, ready } from '../lib/child';

const body = '{"status":"ok"}';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => ready({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
exitWithParent();
