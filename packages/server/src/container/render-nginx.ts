/**
 * Renders the Nginx configuration; without flags, the compose file's (service
 * DNS, re-resolved at run time), which is committed as `nginx/nginx.conf`:
 *
 *   npx tsx packages/server/src/container/render-nginx.ts --out nginx/nginx.conf
 *   npx tsx packages/server/src/container/render-nginx.ts --upstream 10.0.0.5:3000 --upstream 10.0.0.6:3000 \
 *     --cert /etc/ssl/api.crt --key /etc/ssl/api.key --server-name api.example.com --version 1.24.0
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { COMPOSE_NGINX, renderNginxConfig, type NginxOptions } from './nginx-config';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string', multiple: true },
    resolver: { type: 'string' },
    version: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'server-name': { type: 'string' },
    'edge-rate': { type: 'string' },
    'edge-burst': { type: 'string' },
    'max-body-size': { type: 'string' },
    out: { type: 'string' },
  },
});
if (Boolean(values.cert) !== Boolean(values.key)) {
  process.stderr.write('--cert and --key go together\n');
  process.exit(2);
}
const opts: NginxOptions = {
  ...(values.upstream ? { upstreams: values.upstream, resolver: values.resolver } : COMPOSE_NGINX),
  ...(values.version && { version: values.version }),
  ...(values.cert && values.key && { tls: { certificate: values.cert, key: values.key } }),
  ...(values['server-name'] && { serverName: values['server-name'] }),
  ...(values['edge-rate'] && { edgeRate: values['edge-rate'] }),
  ...(values['edge-burst'] && { edgeBurst: Number(values['edge-burst']) }),
  ...(values['max-body-size'] && { maxBodySize: values['max-body-size'] }),
};
const conf = renderNginxConfig(opts);
if (values.out) writeFileSync(values.out, conf);
else process.stdout.write(conf);
