import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPOSE_NGINX, renderNginxConfig } from './nginx-config';

const committed = readFileSync(new URL('../../../../nginx/nginx.conf', import.meta.url), 'utf8');

describe('renderNginxConfig', () => {
  it('nginx/nginx.conf is the current rendering for compose (regenerate with render-nginx.ts --out nginx/nginx.conf)', () => {
    expect(committed).toBe(renderNginxConfig(COMPOSE_NGINX));
  });

  it('fills every placeholder and carries what the topology relies on', () => {
    const conf = renderNginxConfig({ upstreams: ['127.0.0.1:4001', '127.0.0.1:4002'], version: '1.22.1' });

    expect(conf).not.toMatch(/\{\{|\}\}/);
    expect(conf).toContain('server 127.0.0.1:4001 max_fails=3 fail_timeout=10s;');
    expect(conf).toContain('server 127.0.0.1:4002 max_fails=3 fail_timeout=10s;');
    for (const directive of [
      'least_conn;', 'zone app 256k;', 'keepalive 64;', 'keepalive_timeout 4s;',
      'proxy_next_upstream error timeout;', 'proxy_set_header X-Real-IP $remote_addr;',
      'proxy_set_header X-Forwarded-For $remote_addr;', 'limit_req zone=edge burst=100 nodelay;',
      'gzip on;', 'return 301 https://$host$request_uri;', 'client_max_body_size 1m;',
      'listen 443 ssl http2 default_server;',
    ]) expect(conf, directive).toContain(directive);
    // Retrying POSTs that reached an instance could run them twice.
    expect(conf).not.toMatch(/^\s*proxy_next_upstream [^;]*non_idempotent/m);
    expect(conf).not.toContain('$proxy_add_x_forwarded_for');
    expect(conf).toMatch(/location = \/health \{[^}]*return 200/);
  });

  it('re-resolves service names at run time only where Nginx can (≥ 1.27.3)', () => {
    expect(committed).toContain('resolver 127.0.0.11 valid=5s ipv6=off;');
    expect(committed).toContain('server app:3000 resolve max_fails=3');
    expect(committed).toContain('http2 on;');
    expect(() => renderNginxConfig({ ...COMPOSE_NGINX, version: '1.22.1' })).toThrow(/1\.27\.3/);
  });

  it('a non-default HTTPS port is kept in the redirect; the test-only upstream header is opt-in', () => {
    const conf = renderNginxConfig({ upstreams: ['a:1'], httpsPort: 8443, exposeUpstream: true });

    expect(conf).toContain('return 301 https://$host:8443$request_uri;');
    expect(conf).toContain('add_header X-Upstream $upstream_addr always;');
    expect(committed).not.toContain('X-Upstream');
  });
});
