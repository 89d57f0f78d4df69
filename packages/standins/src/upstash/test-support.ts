import { startRedisServer, type RunningRedisServer } from './start-redis-server';
import { startUpstashProxy, type RunningUpstashProxy, type UpstashProxyOptions } from './start-upstash-proxy';

/** A redis-server plus a proxy in front of it, for tests. */
export interface TestUpstash {
  server: RunningRedisServer;
  proxy: RunningUpstashProxy;
  url: string;
  token: string;
  /** POSTs `body` as JSON (or raw when a Buffer) to `path` with the token; returns status and parsed JSON. */
  call(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
}

/** Starts redis-server (no persistence) and a proxy with token `test-token`. */
export async function startTestUpstash(overrides: Partial<UpstashProxyOptions> = {}): Promise<TestUpstash> {
  const server = await startRedisServer();
  const token = 'test-token';
  const proxy = await startUpstashProxy({ redisUrl: server.url, token, ...overrides });
  const call: TestUpstash['call'] = async (path, body, headers = {}) => {
    const res = await fetch(proxy.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  return {
    server,
    proxy,
    url: proxy.url,
    token,
    call,
    stop: async () => {
      await proxy.stop();
      await server.stop();
    },
  };
}
