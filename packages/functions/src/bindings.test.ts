/**
 * The bindings reader against real sockets: a fake SSM endpoint on port 0
 * that answers like SSM, one that answers nothing, and a refused port.
 */
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@nocturnal/core/config';
import { createLogger } from '@nocturnal/core/logger';
import { PLACEHOLDER, resolveBindings, SECRETS_DEADLINE_MS } from './bindings';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const lambdaEnv = (endpoint: string, secrets: Record<string, string>) => ({
  SST_APP: 'nocturnal-api',
  SST_STAGE: 'prod',
  SST_SSM_PREFIX: '/sst/nocturnal-api/prod/',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
  AWS_ENDPOINT_URL_SSM: endpoint,
  ...Object.fromEntries(Object.entries(secrets).map(([k, v]) => [`SST_Secret_value_${k}`, v])),
});

function captureLog() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, log: createLogger({ write: (line) => void lines.push(JSON.parse(line)) }) };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

/** An SSM stand-in holding `params`; records each request. */
async function fakeSsm(params: Record<string, string>) {
  const requests: Array<{ headers: IncomingMessage['headers']; names: string[] }> = [];
  const server = createHttpServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { Names } = JSON.parse(body) as { Names: string[] };
    requests.push({ headers: req.headers, names: Names });
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    res.end(JSON.stringify({ Parameters: Names.filter((n) => n in params).map((n) => ({ Name: n, Value: params[n] })), InvalidParameters: Names.filter((n) => !(n in params)) }));
  });
  return { url: await listen(server), requests };
}

/** Accepts connections and never answers (nor closes them). */
async function silentEndpoint() {
  const sockets: Socket[] = [];
  const server = createTcpServer((socket) => void sockets.push(socket));
  closers.push(async () => sockets.forEach((s) => s.destroy()));
  return { url: await listen(server), sockets };
}

describe('resolveBindings', () => {
  it('reads prefetched values from the environment, with no call at all', async () => {
    const { url, requests } = await fakeSsm({});

    const bound = await resolveBindings(lambdaEnv(url, { MONGODB_URI: 'mongodb://db', JWT_PUBLIC_JWKS: '{"keys":[]}' }));

    expect(bound).toEqual({ MONGODB_URI: 'mongodb://db', JWT_PUBLIC_JWKS: '{"keys":[]}' });
    expect(requests).toEqual([]);
  });

  it('returns nothing where nothing is bound (local, container)', async () => {
    expect(await resolveBindings({ MONGODB_URI: 'mongodb://plain-env' })).toEqual({});
  });

  it('fetches a placeholder with one signed GetParameters call, then the fallback path for what the stage lacks', async () => {
    const { url, requests } = await fakeSsm({
      '/sst/nocturnal-api/prod/Secret/MONGODB_URI/value': 'mongodb://stage',
      '/sst/nocturnal-api/.fallback/Secret/UPSTASH_REDIS_REST_TOKEN/value': 'fallback-token',
    });

    const bound = await resolveBindings(lambdaEnv(url, { MONGODB_URI: PLACEHOLDER, UPSTASH_REDIS_REST_TOKEN: PLACEHOLDER, JWT_PUBLIC_JWKS: '{"keys":[]}' }));

    expect(bound).toEqual({ MONGODB_URI: 'mongodb://stage', UPSTASH_REDIS_REST_TOKEN: 'fallback-token', JWT_PUBLIC_JWKS: '{"keys":[]}' });
    expect(requests.map((r) => r.names)).toEqual([
      ['/sst/nocturnal-api/prod/Secret/MONGODB_URI/value', '/sst/nocturnal-api/prod/Secret/UPSTASH_REDIS_REST_TOKEN/value'],
      ['/sst/nocturnal-api/.fallback/Secret/UPSTASH_REDIS_REST_TOKEN/value'],
    ]);
    expect(requests[0]!.headers['x-amz-target']).toBe('AmazonSSM.GetParameters');
    expect(requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/\d{8}\/us-east-1\/ssm\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/);
    expect(requests[0]!.headers['x-amz-security-token']).toBe('session');
  });

  it('fails within 3 s, in one log line naming the secret, when SSM accepts the connection and never answers', async () => {
    // Prepare
    const { url, sockets } = await silentEndpoint();
    const { lines, log } = captureLog();
    const started = performance.now();

    // Act
    const error = await resolveBindings(lambdaEnv(url, { MONGODB_URI: PLACEHOLDER, JWT_PUBLIC_JWKS: '{"keys":[]}' }), { log }).catch((e: unknown) => e);

    // Assess
    const elapsed = performance.now() - started;
    expect(sockets.length).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(SECRETS_DEADLINE_MS - 50);
    expect(elapsed).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([`MONGODB_URI: secret unavailable (SSM did not answer within ${SECRETS_DEADLINE_MS} ms)`]);
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'secrets unavailable', secrets: ['MONGODB_URI'] })]);
  });

  it('fails at once, naming the secrets, when SSM refuses the connection', async () => {
    const server = createTcpServer();
    const url = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const { lines, log } = captureLog();

    const error = (await resolveBindings(lambdaEnv(url, { MONGODB_URI: PLACEHOLDER, UPSTASH_REDIS_REST_URL: PLACEHOLDER }), { log }).catch((e: unknown) => e)) as ConfigError;

    expect(error.problems).toEqual(['MONGODB_URI: secret unavailable (SSM unreachable: ECONNREFUSED)', 'UPSTASH_REDIS_REST_URL: secret unavailable (SSM unreachable: ECONNREFUSED)']);
    expect(lines).toHaveLength(1);
  });

  it('names only the secrets set in neither the stage nor the fallback', async () => {
    const { url } = await fakeSsm({ '/sst/nocturnal-api/prod/Secret/MONGODB_URI/value': 'mongodb://stage' });
    const { log } = captureLog();

    const error = (await resolveBindings(lambdaEnv(url, { MONGODB_URI: PLACEHOLDER, JWT_PRIVATE_JWKS: PLACEHOLDER }), { log }).catch((e: unknown) => e)) as ConfigError;

    expect(error.problems).toEqual(['JWT_PRIVATE_JWKS: secret unavailable (not set for stage "prod")']);
  });
});
