/**
 * The /health function bundled as SST bundles it (SST's esbuild, the
 * project's options), run by a fresh Node process with a Lambda-like
 * environment and invoked twice: its stdout is what CloudWatch receives.
 * Powertools is inside the bundle, and each invocation writes its access
 * log line with the Lambda context and one EMF line.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLikeSst } from '../../bench/lib/bundles';
import { v2Event } from '../helpers/events';

const SCRIPT = `
const [file, events] = process.argv.slice(1);
const { handler } = await import(file);
for (const [i, event] of JSON.parse(events).entries()) {
  const context = { functionName: 'nocturnal-prod-health-live', functionVersion: '$LATEST', memoryLimitInMB: '256',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:nocturnal-prod-health-live', awsRequestId: 'aws-' + i,
    getRemainingTimeInMillis: () => 3000 };
  const result = await handler(event, context);
  process.stdout.write('RESULT ' + JSON.stringify(result) + String.fromCharCode(10));
}`;

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lambda-bundle-'));
  bundle = join(dir, 'live.mjs');
  await buildLikeSst({ entryPoints: [join(process.cwd(), 'packages/functions/src/health/live.ts')], outfile: bundle, absWorkingDir: process.cwd() });
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the /health bundle on a Lambda-like process', () => {
  it('writes, per invocation, an access log line with the Lambda context and one EMF line', async () => {
    const events = [v2Event({ path: '/health' }), v2Event({ path: '/health' })];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT, bundle, JSON.stringify(events)], {
      cwd: dir,
      // What Lambda sets for an on-demand instance, and our settings; nothing else.
      env: { PATH: process.env.PATH ?? '', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand', AWS_REGION: 'eu-west-1', STAGE: 'prod', LOG_LEVEL: 'info' },
      timeout: 20_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)).statusCode)).toEqual([200, 200]);
    const json = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const emf = json.filter((l) => l._aws);
    const logs = json.filter((l) => l.message === 'request');
    expect(emf).toHaveLength(2);
    expect(emf.map((l) => l._aws.CloudWatchMetrics[0].Dimensions)).toEqual([
      [['service', 'stage', 'route'], ['service', 'stage']],
      [['service', 'stage', 'route'], ['service', 'stage']],
    ]);
    expect(emf[0]).toMatchObject({ service: 'nocturnal-api', stage: 'prod', route: 'health-live', Requests: 1, ClientErrors: 0, ServerErrors: 0, ColdStarts: 1 });
    expect(emf[1]).not.toHaveProperty('ColdStarts');
    expect(logs.map((l) => [l.correlation_id, l.function_request_id, l.cold_start])).toEqual([
      [events[0]!.requestContext.requestId, 'aws-0', true],
      [events[1]!.requestContext.requestId, 'aws-1', false],
    ]);
    expect(logs[0]).toMatchObject({ level: 'INFO', service: 'nocturnal-api', stage: 'prod', function_name: 'nocturnal-prod-health-live', status: 200 });
    expect(stderr).toBe('');
  });
});
