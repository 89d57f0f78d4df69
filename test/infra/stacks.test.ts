/**
 * The stacks, synthesised offline: a wrong stack (public bucket, a missing
 * route, a function with more access than its route declares) fails here;
 * and the bundles they deploy, run as Lambda runs them.
 */
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { resourcesOf, routeKey, routes, type RouteDef } from '../../packages/functions/src/routes';
import { loadKeySet } from '../../packages/core/src/auth/keys';
import { generatePrivateJwk, jwksJson } from '../../packages/core/src/auth/testing';
import { secretsOf } from '../../packages/core/src/resources';
import { METRIC_NAMESPACE, METRIC_SERVICE, METRICS } from '../../packages/core/src/observability/metrics';
import { jobs } from '../../packages/functions/src/routes/jobs';
import { synthesize, synthesizeStorage, type Synth } from '../helpers/synth';
import { artifactOf, routeEvent, runBundle } from '../helpers/bundles';
import { v2Event } from '../helpers/events';
import { importOf, onlyResource } from './template-lookups';

let synth: Synth;
type Resource = { Type: string; Properties: Record<string, any> };

// The deploy settings of the full synthesis; the other combinations are synthesised without bundling (monitoring.test.ts, custom-domain.test.ts).
const SETTINGS = {
  CORS_ORIGINS: 'https://app.example.com',
  ALARM_EMAIL: 'ops@example.com',
  API_DOMAIN: 'api.example.com',
  API_HOSTED_ZONE: 'example.com',
  API_HOSTED_ZONE_ID: 'Z0123456789ABC',
};

beforeAll(async () => {
  Object.assign(process.env, SETTINGS);
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
      JWT_PUBLIC_JWKS: (r) => resourcesOf(r).includes('jwt') || resourcesOf(r).includes('jwks'),
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

  it('binds functions that only verify tokens, and the JWKS route, the public key set and never the private one', () => {
    const verifyOnly = routes.filter((r) => (r.auth || r.id === 'jwks') && !resourcesOf(r).includes('jwt'));
    expect(verifyOnly.map((r) => r.id)).toContain('jwks');
    for (const route of verifyOnly) {
      const [id, fn] = routeFunction(route);
      const env = fn.Properties.Environment.Variables;
      expect('SST_Secret_value_JWT_PUBLIC_JWKS' in env, route.id).toBe(true);
      expect('SST_Secret_value_JWT_PRIVATE_JWKS' in env, route.id).toBe(false);
      expect(JSON.stringify(statementsOf(id)), route.id).not.toContain('Secret/JWT_PRIVATE_JWKS/');
    }
  });

  it('prefetches the secrets of every function that has some, at deploy, and runs it without --enable-source-maps', () => {
    const prefetchers = Object.values(synth.api.findResources('Custom::SecretPrefetcher') as Record<string, Resource>);
    const prefetched = new Set(prefetchers.map((p) => JSON.stringify(p.Properties.functionName)));
    for (const route of routes) {
      const [id, fn] = routeFunction(route);
      expect(prefetched.has(JSON.stringify({ Ref: id })), route.id).toBe(secretsOf(resourcesOf(route)).length > 0);
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS ?? '', route.id).not.toContain('--enable-source-maps');
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

  it('outputs the API URL, its custom domain URL and the bucket name', () => {
    const outputs = synth.api.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'BucketName', 'ApiCustomDomainUrl']));
    expect(outputs.ApiCustomDomainUrl!.Value).toBe('https://api.example.com');
  });

  it('serves the API on API_DOMAIN, with a certificate validated in API_HOSTED_ZONE and alias records there', () => {
    const [domainId, domain] = onlyResource(synth.api, 'AWS::ApiGatewayV2::DomainName');
    const [certificateId] = onlyResource(synth.api, 'AWS::CertificateManager::Certificate');
    expect(domain.Properties.DomainName).toBe('api.example.com');
    expect(domain.Properties.DomainNameConfigurations[0].CertificateArn).toEqual({ Ref: certificateId });
    synth.api.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { DomainName: { Ref: domainId }, Stage: '$default' });
    synth.api.resourceCountIs('AWS::Route53::RecordSet', 2);
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
    for (const secret of ['JWT_PRIVATE_JWKS', 'JWT_PUBLIC_JWKS', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN']) {
      expect(ssm.includes(`Secret/${secret}/`), secret).toBe(false);
      expect(`SST_Secret_value_${secret}` in env, secret).toBe(false);
    }
    expect(`SST_Secret_value_MONGODB_URI` in env).toBe(true);
    expect(env.BUCKET_NAME).toBeDefined();
  });

  it('bundles each job so that it fails at start naming a missing setting, not at the first event', async () => {
    for (const file of ['cleanup-pending', 'object-created']) {
      const handler = `packages/functions/src/jobs/${file}.handler`;
      const { importError } = await runBundle(handler, { env: { STAGE: 'test', LOG_LEVEL: 'silent', BUCKET_NAME: 'uploads' } });
      expect(importError, file).toContain('MONGODB_URI');
    }
  });
});

describe('Monitoring stack (in the full synthesis)', () => {
  const alarmOn = (name: string) => {
    const found = Object.values(synth.monitoring.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).filter((a) => a.Properties.AlarmName === `nocturnal-api-test-${name}`);
    expect(found, name).toHaveLength(1);
    return found[0]!.Properties;
  };

  it('watches the errors and throttles of every route function, by the name of the function serving that route', () => {
    for (const route of routes) {
      const [id] = routeFunction(route);
      for (const alert of ['FunctionErrors', 'FunctionThrottles']) {
        expect(alarmOn(`${alert}-${route.id}`).Dimensions, route.id).toEqual([{ Name: 'FunctionName', Value: importOf(synth.api, id) }]);
      }
    }
  });

  it('watches both job functions, by name', () => {
    for (const job of jobs) {
      const found = Object.entries(synth.jobs.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter(([, fn]) => fn.Properties.Handler === job.handler);
      expect(found, job.id).toHaveLength(1);
      expect(alarmOn(`FunctionErrors-${job.id}`).Dimensions).toEqual([{ Name: 'FunctionName', Value: importOf(synth.jobs, found[0]![0]) }]);
    }
  });

  it('mails the alarm topic to ALARM_EMAIL', () => {
    synth.monitoring.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});

describe('function bundles (the deployed artifacts)', () => {
  const byId = (id: string) => routes.find((r) => r.id === id)!;
  const privateJwks = jwksJson(generatePrivateJwk('EdDSA', 'infra'));
  // What the secrets hold once SST's prefetcher has run. Nothing listens on port 9, so no first answer below may need a dependency.
  const prefetched: Record<string, string> = {
    MONGODB_URI: 'mongodb://127.0.0.1:9',
    JWT_PRIVATE_JWKS: privateJwks,
    JWT_PUBLIC_JWKS: JSON.stringify(loadKeySet(privateJwks).jwks),
    UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9',
    UPSTASH_REDIS_REST_TOKEN: 'token',
  };
  /** The function's environment from the template, as Lambda gives it: prefetched secrets (or still SST's placeholders), the bucket's name, Lambda's own variables. */
  const deployedEnv = (route: RouteDef, opts: { prefetched?: boolean; extra?: Record<string, string> } = {}) => {
    const [, fn] = routeFunction(route);
    const env: Record<string, string> = {
      AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session', AWS_LAMBDA_FUNCTION_NAME: route.id,
    };
    for (const [name, value] of Object.entries(fn.Properties.Environment.Variables as Record<string, unknown>)) {
      if (name.startsWith('SST_Secret_value_') && value === '__FETCH_FROM_SSM__') env[name] = opts.prefetched === false ? value : prefetched[name.slice('SST_Secret_value_'.length)]!;
      else if (typeof value === 'string') env[name] = value;
      else if (name === 'BUCKET_NAME') env[name] = 'uploads-bucket';
    }
    return { ...env, LOG_LEVEL: 'silent', ...opts.extra };
  };
  const firstStatus = (r: RouteDef) => (r.path === '$default' ? 404 : r.id === 'health-ready' ? 503 : r.auth ? 401 : r.method === 'POST' ? 400 : 200);

  it('every route bundle, imported by a fresh Node 24 process with only its own secrets, gives its first answer', async () => {
    const answers: Array<[string, number | string]> = [];
    for (let i = 0; i < routes.length; i += 2) {
      const batch = routes.slice(i, i + 2);
      const runs = await Promise.all(batch.map((r) => runBundle(r.handler, { env: deployedEnv(r), event: routeEvent(r) })));
      runs.forEach((run, j) => {
        expect(run.node.split('.')[0], batch[j]!.id).toBe('24');
        answers.push([batch[j]!.id, run.importError ?? run.handlerError?.message ?? run.result.statusCode]);
        // Errors are problems; readiness answers its report, also when down.
        if (run.result?.statusCode >= 400 && batch[j]!.id !== 'health-ready') expect(run.result.headers['content-type'], batch[j]!.id).toBe('application/problem+json');
      });
    }
    expect(answers).toEqual(routes.map((r) => [r.id, firstStatus(r)]));
  }, 180_000);

  it('a route bundle prints one EMF line per invocation, in the namespace, dimensions and stage the alarms watch', async () => {
    const route = byId('health-live');
    const run = await runBundle(route.handler, { env: deployedEnv(route), event: v2Event({ path: '/health' }) });
    const emf = run.lines.flatMap((line) => {
      try {
        const parsed = JSON.parse(line);
        return parsed?._aws ? [parsed] : [];
      } catch {
        return [];
      }
    });

    expect(run.result?.statusCode).toBe(200);
    expect(emf).toHaveLength(1);
    const directive = emf[0]._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe(METRIC_NAMESPACE);
    expect(directive.Dimensions).toEqual([['service', 'stage', 'route'], ['service', 'stage']]);
    expect(directive.Metrics.map((m: { Name: string }) => m.Name)).toContain(METRICS.requests.cloudwatch);
    expect(emf[0]).toMatchObject({ service: METRIC_SERVICE, stage: 'test', route: route.id, [METRICS.requests.cloudwatch]: 1 });
    // The line's API-wide series is the one the alarms read.
    const latency = Object.values(synth.monitoring.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).find((a) => a.Properties.AlarmName === 'nocturnal-api-test-LatencyP99')!;
    expect(latency.Properties.Dimensions).toEqual([{ Name: 'service', Value: emf[0].service }, { Name: 'stage', Value: emf[0].stage }]);
  });

  it('GET /health answers 200 from the bundle alone, with the security headers', async () => {
    const { result } = await runBundle(byId('health-live').handler, { env: deployedEnv(byId('health-live')), event: v2Event({ path: '/health' }) });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'ok' });
    expect(result.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a bundle whose route needs MongoDB fails at start, naming the missing setting', async () => {
    const { importError } = await runBundle(byId('health-ready').handler, { env: { STAGE: 'test', LOG_LEVEL: 'silent' }, event: v2Event({ path: '/api/v1/health' }) });
    expect(importError).toContain('MONGODB_URI');
  });

  it('with a secret store that accepts connections and never answers, the init fails within 3 s, naming the secrets in one log line', async () => {
    // Prepare: a cold start before SST's prefetcher has run (the placeholders are still there), SSM hung.
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const route = byId('users-me-get');
    try {
      // Act
      const run = await runBundle(route.handler, { env: deployedEnv(route, { prefetched: false, extra: { AWS_ENDPOINT_URL_SSM: endpoint } }), event: routeEvent(route) });

      // Assess
      expect(sockets.length).toBeGreaterThan(0);
      expect(run.importMs).toBeLessThan(3_000);
      expect(run.importError).toContain('MONGODB_URI: secret unavailable (SSM did not answer within 2500 ms)');
      const logged = run.lines.filter((l) => l.includes('"secrets unavailable"'));
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0]!).secrets.sort()).toEqual(secretsOf(resourcesOf(route)).sort());
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('before the prefetcher has run, a cold start fetches its secrets with one signed SSM call and answers', async () => {
    const calls: Array<{ target?: string; names: string[] }> = [];
    const ssm = createHttpServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const { Names } = JSON.parse(body) as { Names: string[] };
      calls.push({ target: req.headers['x-amz-target'] as string, names: Names });
      const value = (name: string) => prefetched[name.split('/').at(-2)!]!;
      res.end(JSON.stringify({ Parameters: Names.map((n) => ({ Name: n, Value: value(n) })), InvalidParameters: [] }));
    });
    await new Promise<void>((resolve) => ssm.listen(0, '127.0.0.1', resolve));
    const route = byId('users-me-get');
    try {
      const endpoint = `http://127.0.0.1:${(ssm.address() as AddressInfo).port}`;
      const run = await runBundle(route.handler, { env: deployedEnv(route, { prefetched: false, extra: { AWS_ENDPOINT_URL_SSM: endpoint } }), event: routeEvent(route) });

      expect(run.result?.statusCode).toBe(401);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.target).toBe('AmazonSSM.GetParameters');
      expect(calls[0]!.names.sort()).toEqual(secretsOf(resourcesOf(route)).map((n) => `/sst/nocturnal-api/test/Secret/${n}/value`).sort());
    } finally {
      ssm.close();
    }
  });

  it('maps stack traces to the TypeScript sources without --enable-source-maps, from the map in the zip', async () => {
    const route = byId('health-live');
    // A null event makes the chain throw: the stack is what a log line of the error shows.
    const mapped = await runBundle(route.handler, { env: deployedEnv(route), event: null, withMap: true });
    const unmapped = await runBundle(route.handler, { env: deployedEnv(route), event: null });

    expect(mapped.handlerError?.stack).toMatch(/at stateOf \(\/.*packages\/functions\/src\/request-state\.ts:\d+:\d+\)/);
    expect(unmapped.handlerError?.stack).toMatch(/at stateOf \(file:\/\/.*index\.mjs:\d+:\d+\)/);
  });

  it('binds the private key set to every function whose bundle signs tokens, and to no other', async () => {
    for (const route of routes) {
      // keepNames keeps the signer's name in the bundle.
      const signs = (await readFile(await artifactOf(route.handler), 'utf8')).includes('"signAccessToken"');
      expect(resourcesOf(route).includes('jwt'), `${route.id} signs: ${signs}`).toBe(signs);
    }
  });

  it('keeps the MongoDB driver and the AWS SDK out of /health, the JWKS and $default, and the SSM client out of every bundle', async () => {
    const text = async (r: RouteDef) => readFile(await artifactOf(r.handler), 'utf8');
    for (const id of ['health-live', 'jwks', 'fallback']) {
      const bundle = await text(byId(id));
      // Markers kept by keepNames: the driver's client class, the SDK's @smithy core.
      expect(bundle.includes('"MongoClient"'), id).toBe(false);
      expect(bundle.includes('smithy'), id).toBe(false);
    }
    for (const route of routes) expect((await text(route)).includes('"SSMClient"'), route.id).toBe(false);
  });
});

describe('prod stage', () => {
  let prod: { storage: Template };
  beforeAll(async () => {
    for (const name of Object.keys(SETTINGS)) delete process.env[name];
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
