/**
 * Starts the whole API in-process for a test file: the stand-ins for every
 * dependency, then the local gateway on a free port, with a runtime built
 * from a config object (the settings in `env` win over the stand-ins').
 */
import { parseConfig } from '../../packages/core/src/config';
import { startLocalApi } from '../../packages/server/src/local/server';
import { startStandIns, type StandIns } from '../../packages/server/src/local/standins';

export interface TestApi {
  url: string;
  env: Record<string, string>;
  standIns: StandIns;
  /** `fetch` against the API with JSON in and out. */
  request(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<TestResponse>;
  stop(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
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
  const api = await startLocalApi({ port: 0, config });
  const request: TestApi['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(api.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
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
