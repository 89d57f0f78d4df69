/**
 * A forgotten resource declaration fails in every runtime, not only on AWS:
 * a function that reaches for a client its row does not declare is refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@nocturnal/core/config';
import { createLogger } from '@nocturnal/core/logger';
import { v2Event } from '../../../test/helpers/events';
import { mongoClient } from './clients/mongo';
import { UndeclaredResourceError, withDeclaredResources } from './resource-scope';
import { findRoute } from './routes';
import { closeRuntime, createRuntime, useRuntime } from './runtime';

const config = parseConfig({ LOG_LEVEL: 'debug', MONGODB_URI: 'mongodb://127.0.0.1:9/never-connected' });
afterAll(() => closeRuntime());

describe('declared resources', () => {
  it('refuses a client whose resource the function does not declare, naming what to add', () => {
    const runtime = createRuntime(config, { log: createLogger({ level: 'silent' }) });
    const attempt = () => withDeclaredResources('notes-create', ['bucket'], () => runtime.get(mongoClient));
    expect(attempt).toThrow(UndeclaredResourceError);
    expect(attempt).toThrow(/notes-create uses the mongo client.*add 'mongo' to its resources/);
    expect(() => withDeclaredResources('notes-create', ['mongo'], () => runtime.get(mongoClient))).not.toThrow();
    // Outside an invocation (init, warming, scripts) nothing is checked.
    expect(() => runtime.get(mongoClient)).not.toThrow();
  });

  it('a real route whose row lost its resource answers 500 and logs why', async () => {
    const lines: string[] = [];
    useRuntime(createRuntime(config, { log: createLogger({ level: 'debug', write: (line) => lines.push(line) }) }));
    const row = findRoute('auth-logout');
    const declared = row.resources;
    row.resources = [];
    try {
      const { handler } = await import('./auth/logout');
      const res = await handler(
        v2Event({ method: 'POST', path: '/api/v1/auth/logout', headers: { 'content-type': 'application/json' }, body: '{"refreshToken":"x"}' }),
        {} as never,
      );
      expect(res.statusCode).toBe(500);
      expect(lines.join('\n')).toContain("auth-logout uses the user-stores client, whose resource \\\"mongo\\\" its row does not declare");
    } finally {
      row.resources = declared;
    }
  });
});
