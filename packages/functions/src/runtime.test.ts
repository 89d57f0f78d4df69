/**
 * The composition root with real clients: a MongoDB driver against the
 * wire-protocol stand-in, and client kinds declared as the `clients/` modules do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@nocturnal/core/config';
import { startMongo, type MongoStandIn } from '@nocturnal/standins/mongo/index';
import { mongoClient } from './clients/mongo';
import { userStores } from './clients/users';
import { captureOutput } from './observability/capture-output';
import { closeRuntime, createRuntime, defineClient, getRuntime, lambdaRuntime, useRuntime } from './runtime';

let mongo: MongoStandIn;
beforeAll(async () => {
  mongo = await startMongo({});
});
afterAll(async () => {
  await mongo.stop();
});

const config = (extra: Record<string, string> = {}) => parseConfig({ LOG_LEVEL: 'silent', MONGODB_URI: mongo.uri, ...extra });

describe('createRuntime', () => {
  it('creates each client once, and close() closes every one of them, newest first', async () => {
    const runtime = createRuntime(config());
    const closed: string[] = [];
    const a = defineClient({ name: 'a', resource: 'redis', create: () => ({ id: 'a' }), close: () => void closed.push('a') });
    const b = defineClient({ name: 'b', resource: 'redis', create: () => ({ id: 'b' }), close: () => void closed.push('b') });
    expect(runtime.get(a)).toBe(runtime.get(a));
    runtime.get(b);
    const { client } = runtime.get(mongoClient);
    await client.db('x').command({ ping: 1 });
    await runtime.close();
    expect(closed).toEqual(['b', 'a']);
    // The MongoDB client is closed too: an operation on it now fails.
    await expect(client.db('x').command({ ping: 1 })).rejects.toThrow();
    expect(() => runtime.get(a)).toThrow(/runtime closed/);
  });

  it('forgets a client whose creation failed, so the next use retries', async () => {
    const runtime = createRuntime(config());
    let attempts = 0;
    const flaky = defineClient({
      name: 'flaky',
      resource: 'redis',
      create: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('not yet');
        return 'ready';
      },
    });
    await expect(runtime.get(flaky)).rejects.toThrow('not yet');
    expect(await runtime.get(flaky)).toBe('ready');
    expect(attempts).toBe(2);
    await runtime.close();
  });

  it('warms only the clients of the resources a row declares', async () => {
    const runtime = createRuntime(config());
    const created: string[] = [];
    defineClient({ name: 'warm-redis', resource: 'redis', warm: true, create: () => void created.push('redis') });
    defineClient({ name: 'warm-bucket', resource: 'bucket', warm: true, create: () => void created.push('bucket') });
    runtime.warm(['redis']);
    expect(created).toEqual(['redis']);
    // The user stores are warm clients of `mongo`: indexes are being created.
    runtime.warm(['mongo']);
    await expect(runtime.get(userStores)).resolves.toMatchObject({ users: expect.any(Object) });
    await runtime.close();
  });

  it('names every setting the resources need and the config lacks', () => {
    const runtime = createRuntime(parseConfig({ LOG_LEVEL: 'silent' }));
    expect(() => runtime.require(['redis'])).not.toThrow();
    const error = (() => {
      try {
        runtime.require(['mongo', 'bucket', 'jwt']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'MONGODB_URI: is required but not set',
      'BUCKET_NAME: is required but not set',
      'JWT_PRIVATE_JWKS: is required but not set',
    ]);
  });
});

describe('the process runtime', () => {
  it('is the installed one until closed; then a new one is built', async () => {
    const installed = useRuntime(createRuntime(config({ STAGE: 'installed' })));
    expect(getRuntime()).toBe(installed);
    await closeRuntime();
    const next = getRuntime();
    expect(next).not.toBe(installed);
    await closeRuntime();
  });
});

describe('the Lambda runtime', () => {
  it('logs through Powertools and publishes EMF; a runtime built by createRuntime (the servers) publishes none', () => {
    const lambda = lambdaRuntime(parseConfig({ STAGE: 'prod', LOG_LEVEL: 'info' }));
    const server = createRuntime(parseConfig({ STAGE: 'prod', LOG_LEVEL: 'silent' }));
    const output = captureOutput();
    try {
      for (const runtime of [lambda, server]) {
        runtime.metrics.request('health-live', 200, 1);
        runtime.metrics.flush();
      }
      lambda.log.child({ requestId: 'req-1' }).info('hello');
    } finally {
      output.stop();
    }
    expect(output.emf()).toHaveLength(1);
    expect(output.emf()[0]).toMatchObject({ service: 'nocturnal-api', stage: 'prod', route: 'health-live', Requests: 1 });
    expect(output.json().find((l) => l.message === 'hello')).toMatchObject({ level: 'INFO', service: 'nocturnal-api', stage: 'prod', correlation_id: 'req-1' });
    // Powertools' Lambda-context middleware, put first in every chain.
    expect(lambda.middlewares).toHaveLength(1);
    expect(server.middlewares).toEqual([]);
  });

  it("is getRuntime()'s default when no runtime was installed", async () => {
    await closeRuntime();
    const runtime = getRuntime();
    const output = captureOutput();
    try {
      runtime.metrics.request('health-live', 200, 1);
      runtime.metrics.flush();
    } finally {
      output.stop();
    }
    expect(output.emf()).toEqual([expect.objectContaining({ Requests: 1, route: 'health-live' })]);
    expect(runtime.middlewares).toHaveLength(1);
    await closeRuntime();
  });
});
