/**
 * Starts the whole API in-process for a test file: the stand-ins for every
 * dependency, then the local gateway on a free port, with a runtime built
 * from a config object (the settings in `env` win over the stand-ins').
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseConfig } from '../../packages/core/src/config';
import type { Metrics } from '../../packages/core/src/observability/metrics';
import { startLocalApi } from '../../packages/server/src/local/server';
import { startStandIns, type StandIns } from '../../packages/server/src/local/standins';
import { underContract } from './contract-recorder';
import { request as httpRequest } from './http';

export interface TestApi {
  url: string;
  env: Record<string, string>;
  standIns: StandIns;
  /** A request to the API with JSON in and out (the tests' one HTTP client). */
  request(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<TestResponse>;
  stop(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface TestApiOptions {
  /** Where the chain records (e.g. the prom-client adapter); default: nowhere. */
  metrics?: Metrics;
}

export async function startTestApi(env: Record<string, string> = {}, opts: TestApiOptions = {}): Promise<TestApi> {
  const standIns = await startStandIns({ configured: env, corsOrigins: ['*'] });
  // The test's configuration is passed in, never written into process.env.
  const config = parseConfig({
    STAGE: 'test',
    LOG_LEVEL: 'silent',
    // Fast hashing in tests; the bench measures the production parameters.
    PASSWORD_SCRYPT_LOG_N: '12',
    ...standIns.env,
    ...env,
  });
  const api = await startLocalApi({ port: 0, config, metrics: opts.metrics });
  // Every answer the suite receives from this API is checked against the OpenAPI document.
  underContract(api.url);
  const request: TestApi['request'] = async (method, path, opts = {}) => {
    const reply = await httpRequest(method, api.url + path, opts);
    return { status: reply.status, headers: toHeaders(reply.headers), body: reply.body, text: reply.text };
  };
  return {
    url: api.url,
    env: standIns.env,
    standIns,
    request,
    stop: async () => {
      await api.close();
      await standIns.stop();
    },
  };
}

/** node:http's header object as a fetch `Headers` (case-insensitive `get`). */
function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of [value ?? []].flat()) headers.append(name, v);
  }
  return headers;
}
