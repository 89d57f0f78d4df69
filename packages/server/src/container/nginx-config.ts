/**
 * Renders `nginx/nginx.conf.template`: the upstream list (service DNS in
 * compose, loopback ports in the scale-out test), listen addresses, TLS
 * paths, the edge rate and a few paths an unprivileged test run needs.
 *
 * @example
 * const conf = renderNginxConfig({ upstreams: ['app:3000'], resolver: '127.0.0.11', version: '1.28.0' });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, problemType, type ErrorCode } from '@nocturnal/functions/errors';
import { SECURITY_HEADERS } from '@nocturnal/functions/middleware/security-headers';

/** The template every rendering starts from. */
export const NGINX_TEMPLATE = fileURLToPath(new URL('../../../../nginx/nginx.conf.template', import.meta.url));

export interface NginxOptions {
  /** `host:port` of each app instance; with {@link resolver} a name that resolves to all of them. */
  upstreams: string[];
  /** DNS server re-resolving the upstream names at run time (`resolve`, Nginx ≥ 1.27.3): `docker compose --scale` needs no reload. */
  resolver?: string;
  /** The Nginx version the file is for (`nginx -v`): ≥ 1.25.1 gets the `http2` directive. Default 1.28.0. */
  version?: string;
  httpListen?: string;
  httpsListen?: string;
  /** The HTTPS port clients see, for the redirect. Default 443. */
  httpsPort?: number;
  serverName?: string;
  tls?: { certificate: string; key: string };
  /** Per client address: `limit_req` rate and burst. */
  edgeRate?: string;
  edgeBurst?: number;
  maxBodySize?: string;
  maxFails?: number;
  failTimeout?: string;
  workerProcesses?: string;
  pidFile?: string;
  errorLog?: string;
  accessLog?: string;
  acmeRoot?: string;
  /** Puts Nginx's temp files there (an unprivileged run cannot write the compiled-in paths). */
  tempDir?: string;
  /**
   * The internal listener of Nginx's `stub_status` ({@link STATUS_PATH}): never one
   * of the public ones. Default `127.0.0.1:8080` (inside the Nginx container only).
   */
  statusListen?: string;
  /** Addresses (CIDR) allowed on the status listener; every other is denied. Default loopback only. */
  statusAllow?: string[];
  /** Test only: `X-Upstream: $upstream_addr` on every response. */
  exposeUpstream?: boolean;
}

/** Where the internal status listener serves `stub_status`. */
export const STATUS_PATH = '/stub_status';
/** The status listener's default: loopback inside the Nginx container. */
export const STATUS_LISTEN = '127.0.0.1:8080';

/**
 * The production defaults, as rendered into `nginx/nginx.conf` for docker compose:
 * the status listener on every address of the container but open to the backend
 * network only (the compose file publishes 80 and 443, never 8080), for the
 * monitoring profile's exporter.
 */
export const COMPOSE_NGINX: NginxOptions = {
  upstreams: ['app:3000'],
  resolver: '127.0.0.11 valid=5s ipv6=off',
  statusListen: '8080',
  statusAllow: ['127.0.0.1', '172.28.0.0/16'],
};

/** The API's security headers (one list: the middy chain's), set by the edge on every answer; `Cache-Control` stays the app's. */
const EDGE_HEADERS = Object.entries(SECURITY_HEADERS)
  .filter(([name]) => name !== 'cache-control')
  .map(([name, value]) => [name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()), value] as const);

/** One edge answer in the API's problem+json format, from the error catalogue. */
export function edgeProblem(code: ErrorCode, detail: string): string {
  const { status, title } = ERROR_CODES[code];
  const body = JSON.stringify({ type: problemType(code), title, status, code, detail });
  if (body.includes("'")) throw new Error(`edge problem ${code}: a quote in ${body}`);
  return `return ${status} '${body}';`;
}

/** Renders the template with `opts`; throws on a placeholder left unfilled. */
export function renderNginxConfig(opts: NginxOptions, template = readFileSync(NGINX_TEMPLATE, 'utf8')): string {
  if (opts.upstreams.length === 0) throw new Error('renderNginxConfig: at least one upstream');
  const modern = atLeast(opts.version ?? '1.28.0', [1, 25, 1]);
  if (opts.resolver && !atLeast(opts.version ?? '1.28.0', [1, 27, 3])) throw new Error('upstream "resolve" needs Nginx ≥ 1.27.3');
  const resolve = opts.resolver ? ' resolve' : '';
  const server = (u: string) => `server ${u}${resolve} max_fails=${opts.maxFails ?? 3} fail_timeout=${opts.failTimeout ?? '10s'};`;
  const httpsPort = opts.httpsPort ?? 443;
  const temp = opts.tempDir
    ? ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${join(opts.tempDir!, k)};`)
    : [];
  const values: Record<string, string | string[]> = {
    WORKER_PROCESSES: opts.workerProcesses ?? 'auto',
    PID_FILE: opts.pidFile ?? '/var/run/nginx.pid',
    ERROR_LOG: opts.errorLog ?? '/var/log/nginx/error.log',
    ACCESS_LOG: opts.accessLog === 'off' ? 'off' : `${opts.accessLog ?? '/var/log/nginx/access.log'} edge`,
    TEMP_PATHS: temp,
    MAX_BODY_SIZE: opts.maxBodySize ?? '1m',
    EDGE_RATE: opts.edgeRate ?? '50r/s',
    EDGE_BURST: String(opts.edgeBurst ?? 100),
    RESOLVER: opts.resolver ? [`resolver ${opts.resolver};`] : [],
    UPSTREAM_SERVERS: opts.upstreams.map(server),
    HTTP_LISTEN: opts.httpListen ?? '80',
    HTTPS_LISTEN: opts.httpsListen ?? '443',
    HTTPS_PORT_SUFFIX: httpsPort === 443 ? '' : `:${httpsPort}`,
    HTTP2_LISTEN: modern ? '' : ' http2',
    HTTP2_DIRECTIVE: modern ? ['http2 on;'] : [],
    SERVER_NAME: opts.serverName ?? '_',
    ACME_ROOT: opts.acmeRoot ?? '/var/www/acme',
    TLS_CERTIFICATE: opts.tls?.certificate ?? '/etc/nginx/certs/tls.crt',
    TLS_CERTIFICATE_KEY: opts.tls?.key ?? '/etc/nginx/certs/tls.key',
    SECURITY_HEADERS: EDGE_HEADERS.map(([name, value]) => `add_header ${name} ${/[\s;']/.test(value) ? `"${value}"` : value} always;`),
    HIDDEN_HEADERS: EDGE_HEADERS.map(([name]) => `proxy_hide_header ${name};`),
    EDGE_RATE_LIMITED: edgeProblem('RATE_LIMITED', 'Edge rate limit exceeded'),
    EDGE_TOO_LARGE: edgeProblem('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${opts.maxBodySize ?? '1m'}`),
    EDGE_UNAVAILABLE: edgeProblem('DEPENDENCY_UNAVAILABLE', 'No API instance answered'),
    EDGE_NOT_FOUND: edgeProblem('NOT_FOUND', 'Not served here'),
    STATUS_PATH,
    STATUS_LISTEN: opts.statusListen ?? STATUS_LISTEN,
    STATUS_ALLOW: (opts.statusAllow ?? ['127.0.0.1']).map((a) => `allow ${a};`),
    DEBUG_HEADERS: opts.exposeUpstream ? ['add_header X-Upstream $upstream_addr always;'] : [],
  };
  const lookup = (name: string): string | string[] => {
    const value = values[name];
    if (value === undefined) throw new Error(`nginx template: no value for {{${name}}}`);
    return value;
  };
  // A placeholder alone on its line takes a list of lines, indented like it; an empty list drops the line.
  return template
    .replace(/^([ \t]*)\{\{(\w+)\}\}\n/gm, (_, indent: string, name: string) => {
      const value = lookup(name);
      return [value].flat().map((line) => `${indent}${line}\n`).join('');
    })
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => [lookup(name)].flat().join(' '));
}

function atLeast(version: string, min: [number, number, number]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const have = parts[i] ?? 0;
    if (have !== min[i]) return have > min[i]!;
  }
  return true;
}
