import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPOSE_NGINX, renderNginxConfig, STATUS_LISTEN, STATUS_PATH } from './nginx-config';

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

  describe('stub_status', () => {
    /** The server blocks of a rendering, each with its listen lines and its body. */
    const servers = (conf: string) =>
      conf.split(/\n  server \{\n/).slice(1).map((body) => ({ listens: [...body.matchAll(/^\s*listen ([^;]+);/gm)].map((m) => m[1]!), body }));

    it('is served on its own listener only, loopback-only by default', () => {
      const conf = renderNginxConfig({ upstreams: ['a:1'] });
      const withStatus = servers(conf).filter((s) => s.body.includes('stub_status;'));

      expect(withStatus).toHaveLength(1);
      expect(withStatus[0]!.listens).toEqual([STATUS_LISTEN]);
      expect(STATUS_LISTEN.startsWith('127.0.0.1:')).toBe(true);
      expect(withStatus[0]!.body).toMatch(new RegExp(`allow 127\\.0\\.0\\.1;\\n\\s*deny all;`));
      expect(withStatus[0]!.body).toContain(`location = ${STATUS_PATH} {\n      stub_status;`);
    });

    it('the public servers never serve it: HTTPS answers the path itself with a problem+json 404, HTTP redirects', () => {
      const conf = renderNginxConfig({ upstreams: ['a:1'] });
      const [http, https] = servers(conf);

      expect(http!.listens).toEqual(['80 default_server']);
      expect(https!.listens[0]).toMatch(/^443 ssl/);
      for (const s of [http!, https!]) expect(s.body).not.toContain('stub_status;');
      expect(https!.body).toMatch(
        new RegExp(`location = ${STATUS_PATH} \\{\\n\\s*default_type application/problem\\+json;\\n\\s*return 404 '\\{"type":"[^"]+/not-found","title":"Not found","status":404,"code":"NOT_FOUND"`),
      );
    });

    it('compose: every address of the Nginx container, open to loopback and the backend network only; options override', () => {
      expect(committed).toContain('    listen 8080;\n');
      expect(committed).toMatch(/allow 127\.0\.0\.1;\n\s*allow 172\.28\.0\.0\/16;\n\s*deny all;/);
      const conf = renderNginxConfig({ upstreams: ['a:1'], statusListen: '10.0.0.2:9113', statusAllow: ['10.0.0.0/8'] });
      expect(conf).toContain('listen 10.0.0.2:9113;');
      expect(conf).toMatch(/allow 10\.0\.0\.0\/8;\n\s*deny all;/);
      expect(conf).not.toContain('allow 127.0.0.1;');
    });
  });
});
