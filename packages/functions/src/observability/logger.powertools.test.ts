/**
 * The Powertools logger behind core's `Logger`, read from what Powertools
 * writes to stdout/stderr, and its Lambda-context middleware in a real middy chain.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLevel } from '@nocturnal/core/logger';
import { v2Event } from '../../../../test/helpers/events';
import { captureOutput, type CapturedOutput } from './capture-output';
import { lambdaContext } from './lambda-context';
import { createPowertoolsLogger, powertoolsLog } from './logger.powertools';

const lambdaCtx = (awsRequestId: string) =>
  ({
    functionName: 'nocturnal-prod-users-me-get',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:nocturnal-prod-users-me-get',
    memoryLimitInMB: '256',
    awsRequestId,
    getRemainingTimeInMillis: () => 3000,
  }) as unknown as Context;

const build = (level: LogLevel = 'info') => {
  const powertools = createPowertoolsLogger({ level, service: 'nocturnal-api', keys: { stage: 'prod' } });
  return { powertools, log: powertoolsLog(powertools, { silent: level === 'silent' }) };
};

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.stop();
  vi.unstubAllEnvs();
});

describe('powertoolsLog', () => {
  it('writes one Powertools JSON line per call, with the stage, the child fields and the request id as correlation id', () => {
    const { log } = build();
    log.child({ requestId: 'req-1', route: 'users-me-get' }).info('request', { status: 200 });
    output.stop();
    expect(output.json()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request',
        service: 'nocturnal-api',
        stage: 'prod',
        requestId: 'req-1',
        correlation_id: 'req-1',
        route: 'users-me-get',
        status: 200,
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    expect(output.stderr()).toEqual([]);
  });

  it('a child of a child keeps both sets of fields; the parent is unchanged', () => {
    const { log } = build();
    const request = log.child({ requestId: 'req-2' });
    request.child({ job: 'cleanup' }).warn('slow');
    log.info('init');
    output.stop();
    const lines = [...output.json(), ...output.stderr().map((l) => JSON.parse(l))];
    expect(lines.find((l) => l.message === 'slow')).toMatchObject({ level: 'WARN', requestId: 'req-2', correlation_id: 'req-2', job: 'cleanup' });
    expect(lines.find((l) => l.message === 'init')).not.toHaveProperty('requestId');
    expect(lines.find((l) => l.message === 'init')).not.toHaveProperty('correlation_id');
  });

  it('serialises errors as core does: name, message, code, stack', () => {
    const { log } = build();
    const error = Object.assign(new TypeError('bad input'), { code: 'BAD_INPUT' });
    log.error('failed', { error });
    output.stop();
    // Powertools writes errors through console.error: stderr.
    const [line] = output.stderr().map((l) => JSON.parse(l));
    expect(line).toMatchObject({ level: 'ERROR', message: 'failed', error: { name: 'TypeError', message: 'bad input', code: 'BAD_INPUT' } });
    expect(line.error.stack).toContain('TypeError: bad input');
  });

  it('follows LOG_LEVEL: below it nothing is written', () => {
    const { log } = build('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    output.stop();
    expect(output.stdout()).toEqual([]);
    expect(output.stderr().map((l) => JSON.parse(l).message)).toEqual(['w']);
  });

  it("'silent' writes nothing, not even errors, and not when Lambda's own log level is set", () => {
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'DEBUG');
    const { log } = build('silent');
    const child = log.child({ requestId: 'r' });
    for (const l of [log, child]) {
      l.debug('d');
      l.info('i');
      l.warn('w');
      l.error('e', { error: new Error('x') });
    }
    output.stop();
    expect(output.stdout()).toEqual([]);
    expect(output.stderr()).toEqual([]);
  });
});

describe('lambdaContext', () => {
  it('adds the Lambda context to every line of the invocation; cold_start only on the first', async () => {
    // Lambda sets this for on-demand instances; Powertools reads it when the logger is created.
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const { powertools, log } = build();
    const handler = middy(async () => {
      log.child({ requestId: 'api-req' }).info('inside');
      return { statusCode: 200 };
    }).use(lambdaContext(powertools));
    await handler(v2Event({}), lambdaCtx('aws-1'));
    await handler(v2Event({}), lambdaCtx('aws-2'));
    output.stop();
    expect(output.json()).toEqual([
      expect.objectContaining({
        message: 'inside',
        cold_start: true,
        function_name: 'nocturnal-prod-users-me-get',
        function_request_id: 'aws-1',
        function_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:nocturnal-prod-users-me-get',
        function_memory_size: '256',
        correlation_id: 'api-req',
      }),
      expect.objectContaining({ message: 'inside', cold_start: false, function_request_id: 'aws-2' }),
    ]);
  });

  it('never logs the event, even with POWERTOOLS_LOGGER_LOG_EVENT set (it holds the token)', async () => {
    vi.stubEnv('POWERTOOLS_LOGGER_LOG_EVENT', 'true');
    const { powertools } = build();
    const handler = middy(async () => ({ statusCode: 204 })).use(lambdaContext(powertools));
    await handler(v2Event({ headers: { authorization: 'Bearer secret' } }), lambdaCtx('aws-3'));
    output.stop();
    expect(output.stdout().join('\n')).not.toContain('secret');
    expect(output.stdout()).toEqual([]);
  });
});
