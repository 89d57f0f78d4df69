/**
 * The stacks, synthesised offline: a wrong stack (public bucket, a missing
 * route, a function with more access than its route declares) fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { resourcesOf, routeKey, routes, type RouteDef } from '../../packages/functions/src/routes';
import { synthesize, synthesizeStorage, type Synth } from '../helpers/synth';
import { copyFile, mkdtemp, readdir, stat } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { splitHandler } from '../../packages/functions/src/route-types';
import { v2Event } from '../helpers/events';

let synth: Synth;
type Resource = { Type: string; Properties: Record<string, any> };

beforeAll(async () => {
  process.env.CORS_ORIGINS = 'https://app.example.com';
  synth = await synthesize('test');
}, 900_000);

const functions = () => Object.entries(synth.api.findResources('AWS::Lambda::Function') as Record<string, Resource>);
const routeFunction = (route: RouteDef) => {
  const found = functions().filter(([, fn]) => fn.Properties.Handler === route.handler);
  expect(found, route.id).toHaveLength(1);
  return found[0]!;
};
/** Every IAM statement attached to a function's role. */
const statementsOf = (logicalId: string) => {
  const role = synth.api.findResources('AWS::Lambda::Function')[logicalId]!.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(synth.api.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((p) =>
    p.Properties.Roles.some((r: any) => r.Ref === role),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
};
const actionsOf = (statements: Array<{ Action: string | string[] }>) => statements.flatMap((s) => [s.Action].flat());

describe('Storage stack', () => {
  it('keeps the bucket private and encrypted, with public access blocked', () => {
    synth.storage.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    synth.storage.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('allows browser PUT/GET only from the configured origins', () => {
    const buckets = Object.values(synth.storage.findResources('AWS::S3::Bucket') as Record<string, Resource>);
    const rules = buckets[0]!.Properties.CorsConfiguration.CorsRules;
    expect(rules).toHaveLength(1);
    expect(rules[0].AllowedOrigins).toEqual(['https://app.example.com']);
    expect([...rules[0].AllowedMethods].sort()).toEqual(['GET', 'HEAD', 'PUT']);
  });

  it('aborts incomplete multipart uploads', () => {
    synth.storage.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' })]) },
    });
  });

  it('destroys the bucket on non-prod stages', () => {
    synth.storage.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
  });
});

describe('Api stack', () => {
  it('has every route of the table, each with its own function', () => {
    const keys = Object.values(synth.api.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>).map((r) => r.Properties.RouteKey);
    expect([...keys].sort()).toEqual(routes.map(routeKey).sort());
    const handlers = new Set(routes.map((r) => r.handler));
    expect(handlers.size).toBe(routes.length);
    for (const route of routes) routeFunction(route);
  });

  it('runs every route function on nodejs24.x, arm64, with its timeout and memory', () => {
    for (const route of routes) {
      const [, fn] = routeFunction(route);
      expect(fn.Properties.Runtime, route.id).toBe('nodejs24.x');
      expect(fn.Properties.Architectures, route.id).toEqual(['arm64']);
      expect(fn.Properties.Timeout, route.id).toBe(route.timeoutSeconds ?? 10);
      expect(fn.Properties.MemorySize, route.id).toBe(route.memoryMB ?? 512);
    }
  });

  it('grants S3 actions only to routes that declare the bucket, and only those actions', () => {
    for (const route of routes) {
      const [id, fn] = routeFunction(route);
      const s3Actions = actionsOf(statementsOf(id)).filter((a) => a.startsWith('s3:'));
      if (resourcesOf(route).includes('bucket')) {
        expect([...new Set(s3Actions)].sort(), route.id).toEqual([...(route.bucketActions ?? [])].sort());
        expect(fn.Properties.Environment.Variables.BUCKET_NAME, route.id).toBeDefined();
      } else {
        expect(s3Actions, route.id).toEqual([]);
        expect(fn.Properties.Environment.Variables.BUCKET_NAME, route.id).toBeUndefined();
      }
    }
  });

  it('binds a secret only to functions whose route needs it', () => {
    const needs: Record<string, (r: RouteDef) => boolean> = {
      MONGODB_URI: (r) => resourcesOf(r).includes('mongo'),
      JWT_PRIVATE_JWKS: (r) => resourcesOf(r).includes('jwt'),
      UPSTASH_REDIS_REST_TOKEN: (r) => resourcesOf(r).includes('redis'),
    };
    for (const route of routes) {
      const [id, fn] = routeFunction(route);
      const ssmResources = JSON.stringify(statementsOf(id).filter((s) => actionsOf([s]).some((a) => a.startsWith('ssm:'))));
      const env = fn.Properties.Environment.Variables;
      for (const [secret, needed] of Object.entries(needs)) {
        expect(ssmResources.includes(`Secret/${secret}/`), `${route.id} ${secret} grant`).toBe(needed(route));
        expect(`SST_Secret_value_${secret}` in env, `${route.id} ${secret} binding`).toBe(needed(route));
      }
    }
  });

  it('throttles by default, writes access logs and leaves CORS to the handlers', () => {
    synth.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 500 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const apis = Object.values(synth.api.findResources('AWS::ApiGatewayV2::Api') as Record<string, Resource>);
    expect(apis[0]!.Properties.CorsConfiguration).toBeUndefined();
  });

  it('outputs the API URL and the bucket name', () => {
    const outputs = Object.keys(synth.api.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'BucketName']));
  });
});

describe('Jobs stack', () => {
  const jobFunctions = () =>
    Object.entries(synth.jobs.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter(([, fn]) =>
      String(fn.Properties.Handler).includes('jobs/'),
    );
  const jobFunction = (file: string) => {
    const found = jobFunctions().filter(([, fn]) => fn.Properties.Handler === `packages/functions/src/jobs/${file}.handler`);
    expect(found, file).toHaveLength(1);
    return found[0]!;
  };
  const jobStatements = (logicalId: string) => {
    const role = synth.jobs.findResources('AWS::Lambda::Function')[logicalId]!.Properties.Role['Fn::GetAtt'][0];
    return Object.values(synth.jobs.findResources('AWS::IAM::Policy') as Record<string, Resource>)
      .filter((p) => p.Properties.Roles.some((r: any) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
  };

  it('runs the stale-pending cleanup daily on a schedule', () => {
    const [id, fn] = jobFunction('cleanup-pending');
    const rules = Object.values(synth.jobs.findResources('AWS::Events::Rule') as Record<string, Resource>);

    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties.ScheduleExpression).toBe('cron(15 3 * * ? *)');
    expect(JSON.stringify(rules[0]!.Properties.Targets)).toContain(id);
    expect(fn.Properties.Runtime).toBe('nodejs24.x');
  });

  it('sends s3:ObjectCreated:* under users/ on the uploads bucket to the completion function', () => {
    const [id] = jobFunction('object-created');
    const notifications = Object.values(synth.jobs.findResources('Custom::S3BucketNotifications') as Record<string, Resource>);

    expect(notifications).toHaveLength(1);
    const { BucketName, NotificationConfiguration, Managed } = notifications[0]!.Properties;
    expect(JSON.stringify(BucketName)).toMatch(/Uploads/);
    expect(Managed).toBe(false);
    expect(NotificationConfiguration.LambdaFunctionConfigurations).toEqual([
      {
        Events: ['s3:ObjectCreated:*'],
        LambdaFunctionArn: { 'Fn::GetAtt': [id, 'Arn'] },
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'users/' }] } },
      },
    ]);
    synth.jobs.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
    });
  });

  it.each([
    ['cleanup-pending', ['s3:DeleteObject']],
    ['object-created', ['s3:DeleteObject', 's3:GetObject']],
  ])('lets %s use only its S3 actions, only on the bucket, and only the MongoDB secret', (file, actions) => {
    const [id, fn] = jobFunction(file);
    const statements = jobStatements(id);
    const s3 = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
    const ssm = JSON.stringify(statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('ssm:'))));
    const env = fn.Properties.Environment.Variables;

    expect([...new Set(actionsOf(s3))].sort()).toEqual(actions);
    for (const statement of s3) {
      const resource = JSON.stringify(statement.Resource);
      expect(resource).toMatch(/Uploads/);
      expect(resource).toContain('/users/*');
    }
    expect(ssm).toContain('Secret/MONGODB_URI/');
    for (const secret of ['JWT_PRIVATE_JWKS', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN']) {
      expect(ssm.includes(`Secret/${secret}/`), secret).toBe(false);
      expect(`SST_Secret_value_${secret}` in env, secret).toBe(false);
    }
    expect(`SST_Secret_value_MONGODB_URI` in env).toBe(true);
    expect(env.BUCKET_NAME).toBeDefined();
  });

  it('bundles each job so that it fails at start naming a missing setting, not at the first event', async () => {
    for (const file of ['cleanup-pending', 'object-created']) {
      const handler = `packages/functions/src/jobs/${file}.handler`;
      const { importError } = await invokeBundle({ id: file, handler } as RouteDef, {}, { BUCKET_NAME: 'uploads' });
      expect(importError, file).toContain('MONGODB_URI');
    }
  });
});

/** The newest `.sst/artifacts/<hash>/<handler file>.mjs` of a route. */
async function artifactOf(route: RouteDef): Promise<string> {
  const root = join(process.cwd(), '.sst', 'artifacts');
  const candidates: Array<{ path: string; mtime: number }> = [];
  for (const dir of await readdir(root)) {
    const path = join(root, dir, `${splitHandler(route.handler).file}.mjs`);
    const info = await stat(path).catch(() => undefined);
    if (info) candidates.push({ path, mtime: info.mtimeMs });
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  if (!candidates[0]) throw new Error(`no artifact for ${route.id}`);
  return candidates[0].path;
}

/** Copies the bundle out of the project, imports it in a fresh Node process and invokes it once. */
async function invokeBundle(route: RouteDef, event: unknown, env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'bundle-'));
  const file = join(dir, 'index.mjs');
  await copyFile(await artifactOf(route), file);
  const script = `
    const mod = await import(${JSON.stringify(file)}).catch((e) => { console.log(JSON.stringify({ importError: String(e) })); process.exit(0); });
    const result = await mod.${splitHandler(route.handler).exportName}(JSON.parse(process.argv[1]), { awsRequestId: 'r', getRemainingTimeInMillis: () => 3000, functionName: 'f' });
    console.log(JSON.stringify({ result, node: process.versions.node }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(event)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', STAGE: 'test', LOG_LEVEL: 'silent', ...env },
    timeout: 20_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { importError?: string; result?: any; node?: string };
}

describe('function bundles (the deployed artifacts)', () => {
  const byId = (id: string) => routes.find((r) => r.id === id)!;

  it('GET /health answers 200 from the bundle alone', async () => {
    const { result, node } = await invokeBundle(byId('health-live'), v2Event({ path: '/health' }));
    // The runtime the functions deploy on (nodejs24.x).
    expect(node?.split('.')[0]).toBe('24');
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'ok' });
    expect(result.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the $default bundle answers unknown routes with problem+json 404', async () => {
    const { result } = await invokeBundle(byId('fallback'), v2Event({ path: '/nope', routeKey: '$default' }));
    expect(result.statusCode).toBe(404);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body).code).toBe('NOT_FOUND');
  });

  it('a bundle whose route needs MongoDB fails at start, naming the missing setting', async () => {
    const { importError } = await invokeBundle(byId('health-ready'), v2Event({ path: '/api/v1/health' }));
    expect(importError).toContain('MONGODB_URI');
  });
});

describe('prod stage', () => {
  let prod: { storage: Template };
  beforeAll(async () => {
    delete process.env.CORS_ORIGINS;
    prod = { storage: await synthesizeStorage('prod') };
  }, 300_000);

  it('retains the bucket and does not auto-delete its objects', () => {
    prod.storage.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(Object.keys(prod.storage.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(0);
    expect(Object.keys(synth.storage.findResources('Custom::S3AutoDeleteObjects'))).toHaveLength(1);
  });

  it('allows no browser origin unless CORS_ORIGINS is set at deploy time', () => {
    const buckets = Object.values(prod.storage.findResources('AWS::S3::Bucket') as Record<string, Resource>);
    expect(buckets[0]!.Properties.CorsConfiguration).toBeUndefined();
  });
});
