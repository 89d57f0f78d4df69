import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Bucket, Config, FunctionProps } from 'sst/constructs';
import { secretsOf, type SecretName } from '../packages/core/src/resources';
import { FUNCTION_DEFAULTS, resourcesOf, type FunctionDef, type JobDef } from '../packages/functions/src/route-types';

export interface SharedResources {
  bucket: Bucket;
  secrets: Record<SecretName, Config.Secret>;
}

/**
 * The props of one function, from its row (a route's or a job's): bound to the
 * secrets of its resources (the resource table), given the bucket's name and
 * exactly its `bucketActions` on the bucket (or on `bucketPrefix` keys), and
 * nothing else. A function with secrets has them prefetched: SST writes their
 * values into its environment at deploy, so a cold start reads them with no
 * SSM call (functions/bindings.ts).
 */
export function functionProps(def: FunctionDef & Partial<JobDef>, { bucket, secrets }: SharedResources): FunctionProps {
  const resources = resourcesOf(def);
  const bound = secretsOf(resources);
  const props: FunctionProps = {
    handler: def.handler,
    timeout: def.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds,
    memorySize: def.memoryMB ?? FUNCTION_DEFAULTS.memoryMB,
    bind: bound.map((name) => secrets[name]),
    // Only where there is something to fetch: the prefetcher is a custom resource run on every deploy.
    ...(bound.length > 0 ? { prefetchSecrets: true } : {}),
    environment: {},
    permissions: [],
  };
  if (resources.includes('bucket')) {
    const actions = def.bucketActions ?? [];
    if (actions.length === 0) throw new Error(`${def.id} declares the bucket but no bucketActions`);
    props.environment = { BUCKET_NAME: bucket.bucketName };
    const objectActions = actions.filter((a) => a !== 's3:ListBucket');
    props.permissions = [
      ...(objectActions.length
        ? [new PolicyStatement({ actions: objectActions, resources: [`${bucket.bucketArn}/${def.bucketPrefix ?? ''}*`] })]
        : []),
      ...(actions.includes('s3:ListBucket') ? [new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] })] : []),
    ];
  }
  return props;
}
