import { Api as HttpApi, use, type StackContext } from 'sst/constructs';
import { routeKey, routes } from '../packages/functions/src/routes';
import { functionProps } from './functions';
import { Storage } from './Storage';

/** The HTTP API, generated from the route table: one function per route, each bound only to what it declares. */
export function Api({ stack }: StackContext) {
  const storage = use(Storage);
  const { bucket } = storage;

  const api = new HttpApi(stack, 'Api', {
    // CORS is answered by the middy chain (and the $default route for preflights),
    // identically in all three runtimes.
    cors: false,
    accessLog: { retention: 'one_month' },
    defaults: { throttle: { rate: 500, burst: 1000 } },
    routes: Object.fromEntries(routes.map((r) => [routeKey(r), { function: functionProps(r, storage) }])),
  });

  stack.addOutputs({ ApiUrl: api.url, BucketName: bucket.bucketName });
  return { api };
}
