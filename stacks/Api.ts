import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Api as HttpApi, use, type FunctionProps, type StackContext } from 'sst/constructs';
import { resourcesOf, routeKey, routes, type RouteDef } from '../packages/functions/src/routes';
import { Storage } from './Storage';

/** The HTTP API, generated from the route table: one function per route, each bound only to what it declares. */
export function Api({ stack }: StackContext) {
  const { bucket, secrets } = use(Storage);

  const functionFor = (route: RouteDef): FunctionProps => {
    const resources = resourcesOf(route);
    const bind = [
      ...(resources.includes('mongo') ? [secrets.MONGODB_URI] : []),
      ...(resources.includes('jwt') ? [secrets.JWT_PRIVATE_JWKS] : []),
      ...(resources.includes('redis') ? [secrets.UPSTASH_REDIS_REST_URL, secrets.UPSTASH_REDIS_REST_TOKEN] : []),
    ];
    const props: FunctionProps = {
      handler: route.handler,
      timeout: route.timeoutSeconds ?? 10,
      memorySize: route.memoryMB ?? 512,
      bind,
      environment: {},
      permissions: [],
    };
    if (resources.includes('bucket')) {
      const actions = route.bucketActions ?? [];
      if (actions.length === 0) throw new Error(`route ${route.id} declares the bucket but no bucketActions`);
      props.environment = { BUCKET_NAME: bucket.bucketName };
      const objectActions = actions.filter((a) => a !== 's3:ListBucket');
      props.permissions = [
        ...(objectActions.length ? [new PolicyStatement({ actions: objectActions, resources: [`${bucket.bucketArn}/*`] })] : []),
        ...(actions.includes('s3:ListBucket') ? [new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] })] : []),
      ];
    }
    return props;
  };

  const api = new HttpApi(stack, 'Api', {
    // CORS is answered by the middy chain (and the $default route for preflights),
    // identically in all three runtimes.
    cors: false,
    accessLog: { retention: 'one_month' },
    defaults: { throttle: { rate: 500, burst: 1000 } },
    routes: Object.fromEntries(routes.map((r) => [routeKey(r), { function: functionFor(r) }])),
  });

  stack.addOutputs({ ApiUrl: api.url, BucketName: bucket.bucketName });
  return { api };
}
