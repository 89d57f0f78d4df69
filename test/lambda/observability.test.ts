/**
 * Logs and metrics as a Lambda function writes them: real handlers built
 * with the Lambda runtime (`lambdaRuntime`: Powertools Logger, its
 * Lambda-context middleware, EMF metrics) from a config that points at the
 * stand-ins, invoked with API Gateway v2 events through the real middy chain,
 * and read from what the process writes to stdout and stderr (the bytes
 * Lambda ships to CloudWatch).
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig, type Config } from '../../packages/core/src/config';
import { captureOutput } from '../../packages/functions/src/observability/capture-output';
import type { LambdaHandler } from '../../packages/functions/src/route';
import { closeRuntime, lambdaRuntime, useRuntime } from '../../packages/functions/src/runtime';
import { startStandIns, type StandIns } from '../../packages/server/src/local/standins';
import { NO_RATE_LIMITS, PASSWORD, uniqueEmail } from '../helpers/auth';
import { v2Event } from '../helpers/events';

const FUNCTION = 'nocturnal-test-fn';
const context = (): Context =>
  ({
    functionName: FUNCTION,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => 3000,
  }) as unknown as Context;

interface Invocation {
  status: number;
  event: APIGatewayProxyEventV2;
  awsRequestId: string;
  headers: Record<string, string>;
  body: any;
  /** The EMF lines the invocation wrote. */
  emf: Array<Record<string, any>>;
  /** Its log lines (stdout and stderr), parsed. */
  logs: Array<Record<string, any>>;
  stderr: string[];
}

/** Invokes `handler` as Lambda would and returns what it answered and wrote. */
async function invoke(handler: LambdaHandler, event: APIGatewayProxyEventV2): Promise<Invocation> {
  const ctx = context();
  const output = captureOutput();
  let result;
  try {
    result = await handler(event, ctx);
  } finally {
    output.stop();
  }
  const stderrJson = output.stderr().flatMap((l) => (l.startsWith('{') ? [JSON.parse(l)] : []));
  return {
    status: result.statusCode ?? 200,
    event,
    awsRequestId: ctx.awsRequestId,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: result.body ? JSON.parse(result.body) : undefined,
    emf: output.emf(),
    logs: [...output.json().filter((l) => l._aws === undefined), ...stderrJson],
    stderr: output.stderr(),
  };
}

const requestLine = (inv: Invocation) => inv.emf.find((l) => 'Requests' in l);
const accessLog = (inv: Invocation) => inv.logs.find((l) => l.message === 'request');
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

let standIns: StandIns;
let config: Config;
const handlers: Record<'live' | 'me' | 'register' | 'logoutAll', LambdaHandler> = {} as never;

beforeAll(async () => {
  standIns = await startStandIns({ configured: {}, corsOrigins: ['*'] });
  config = parseConfig({
    STAGE: 'test',
    LOG_LEVEL: 'info',
    PASSWORD_SCRYPT_LOG_N: '12',
    ...standIns.env,
    ...NO_RATE_LIMITS,
    // Three `users/me` per caller, so the fourth is a 429.
    RATE_LIMIT_API: '3/1m',
    // The account is read on every request: a revocation shows at once.
    AUTH_STATE_CACHE_MS: '0',
  });
  // Lambda sets this on an on-demand instance; Powertools reads it when its logger is created.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  useRuntime(lambdaRuntime(config));
  // Each handler module builds its chain for the installed runtime when it loads, as a function's init does.
  handlers.live = (await import('../../packages/functions/src/health/live')).handler;
  handlers.me = (await import('../../packages/functions/src/users/me-get')).handler;
  handlers.register = (await import('../../packages/functions/src/auth/register')).handler;
  handlers.logoutAll = (await import('../../packages/functions/src/auth/logout-all')).handler;
}, 120_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeRuntime();
  await standIns?.stop();
});

const me = (token?: string) =>
  invoke(handlers.me, v2Event({ method: 'GET', path: '/api/v1/users/me', sourceIp: ip(), headers: token ? { authorization: `Bearer ${token}` } : {} }));

async function registered(): Promise<string> {
  const body = JSON.stringify({ email: uniqueEmail('lambda'), password: PASSWORD });
  const inv = await invoke(handlers.register, v2Event({ method: 'POST', path: '/api/v1/auth/register', sourceIp: ip(), headers: { 'content-type': 'application/json' }, body }));
  expect(inv.status).toBe(201);
  return inv.body.accessToken;
}

describe('a request on Lambda', () => {
  it('writes one EMF line: namespace, both dimension sets, Requests/ClientErrors/ServerErrors/Latency; the first one a cold start', async () => {
    const first = await invoke(handlers.live, v2Event({ method: 'GET', path: '/health' }));
    const second = await invoke(handlers.live, v2Event({ method: 'GET', path: '/health' }));
    expect(first.status).toBe(200);
    for (const inv of [first, second]) {
      expect(inv.emf).toHaveLength(1);
      const [line] = inv.emf;
      expect(line!._aws.CloudWatchMetrics).toEqual([
        expect.objectContaining({ Namespace: 'Nocturnal', Dimensions: [['service', 'stage', 'route'], ['service', 'stage']] }),
      ]);
      expect(line).toMatchObject({ service: 'nocturnal-api', stage: 'test', route: 'health-live', Requests: 1, ClientErrors: 0, ServerErrors: 0 });
      expect(line!.Latency).toBeGreaterThan(0);
      // A public route has no rate limit: no limiter state.
      expect(line).not.toHaveProperty('LimiterDegraded');
      // Powertools warned of nothing.
      expect(inv.stderr).toEqual([]);
    }
    expect(first.emf[0]).toMatchObject({ ColdStarts: 1 });
    expect(second.emf[0]).not.toHaveProperty('ColdStarts');
  });

  it('logs with the request id as correlation id and the Lambda context (cold_start on the first invocation only)', async () => {
    // The runtime's first invocation was the previous test's; a new runtime is a new instance.
    await closeRuntime();
    useRuntime(lambdaRuntime(config));
    const first = await invoke(handlers.live, v2Event({ method: 'GET', path: '/health' }));
    const second = await invoke(handlers.live, v2Event({ method: 'GET', path: '/health' }));
    for (const inv of [first, second]) {
      const requestId = inv.event.requestContext.requestId;
      expect(inv.headers['x-request-id']).toBe(requestId);
      expect(accessLog(inv)).toMatchObject({
        level: 'INFO',
        service: 'nocturnal-api',
        stage: 'test',
        correlation_id: requestId,
        requestId,
        route: 'health-live',
        status: 200,
        function_name: FUNCTION,
        function_request_id: inv.awsRequestId,
        function_arn: `arn:aws:lambda:eu-west-1:123456789012:function:${FUNCTION}`,
      });
    }
    expect(accessLog(first)!.cold_start).toBe(true);
    expect(accessLog(second)!.cold_start).toBe(false);
    // The metrics agree: a new runtime's first request of a route is a cold start.
    expect(first.emf[0]).toMatchObject({ ColdStarts: 1 });
    expect(second.emf[0]).not.toHaveProperty('ColdStarts');
  });

  it('counts a 401 as a 4xx, with the limiter state of the rate-limited route', async () => {
    const inv = await me();
    expect(inv.status).toBe(401);
    expect(inv.emf.filter((l) => 'Requests' in l)).toHaveLength(1);
    expect(requestLine(inv)).toMatchObject({ route: 'users-me-get', Requests: 1, ClientErrors: 1, ServerErrors: 0, LimiterDegraded: 0, StrictMode: 0 });
    expect(accessLog(inv)).toMatchObject({ status: 401, correlation_id: inv.event.requestContext.requestId, function_name: FUNCTION });
  });

  it('a 429 writes RateLimited with the policy on a line of its own, and counts as a 4xx', async () => {
    const token = await registered();
    for (let i = 0; i < 3; i++) expect((await me(token)).status).toBe(200);
    const limited = await me(token);
    expect(limited.status).toBe(429);
    expect(limited.emf).toHaveLength(2);
    const side = limited.emf.find((l) => 'RateLimited' in l);
    expect(side!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Nocturnal', Dimensions: [['service', 'stage', 'policy']], Metrics: [{ Name: 'RateLimited', Unit: 'Count' }] });
    expect(side).toMatchObject({ service: 'nocturnal-api', stage: 'test', policy: 'api', RateLimited: 1 });
    expect(requestLine(limited)).toMatchObject({ route: 'users-me-get', ClientErrors: 1, ServerErrors: 0 });
  });

  it('a revoked token writes RevocationRefusals with the reason, and its 401', async () => {
    const token = await registered();
    const out = await invoke(handlers.logoutAll, v2Event({ method: 'POST', path: '/api/v1/auth/logout-all', sourceIp: ip(), headers: { authorization: `Bearer ${token}` } }));
    expect(out.status).toBe(204);
    expect(out.emf.find((l) => 'RevocationRefusals' in l)).toBeUndefined();
    const refused = await me(token);
    expect(refused.status).toBe(401);
    const side = refused.emf.find((l) => 'RevocationRefusals' in l);
    expect(side!._aws.CloudWatchMetrics[0]).toMatchObject({ Dimensions: [['service', 'stage', 'reason']], Metrics: [{ Name: 'RevocationRefusals', Unit: 'Count' }] });
    expect(side).toMatchObject({ reason: 'revoked', RevocationRefusals: 1 });
    expect(requestLine(refused)).toMatchObject({ route: 'users-me-get', ClientErrors: 1 });
  });

  it('never puts a user id or an address in a metric line', async () => {
    const token = await registered();
    const inv = await me(token);
    expect(inv.status).toBe(200);
    const text = JSON.stringify(inv.emf);
    expect(text).not.toContain(inv.event.requestContext.http.sourceIp);
    expect(text).not.toContain(inv.body.id);
    for (const line of inv.emf) for (const set of line._aws.CloudWatchMetrics[0].Dimensions) for (const d of set) expect(['service', 'stage', 'route', 'policy', 'reason']).toContain(d);
  });
});

describe('a job on Lambda', () => {
  it('logs with the Lambda context too (a job is not a middy chain)', async () => {
    const { handler } = await import('../../packages/functions/src/jobs/cleanup-pending');
    const ctx = context();
    const output = captureOutput();
    try {
      await handler({}, ctx);
    } finally {
      output.stop();
    }

    const line = output.json().find((l) => l.message === 'stale pending uploads deleted');
    expect(line).toMatchObject({ function_name: FUNCTION, function_request_id: ctx.awsRequestId, job: 'files-cleanup-pending', stage: 'test' });
  });
});
