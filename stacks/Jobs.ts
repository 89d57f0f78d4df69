import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket as CdkBucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Cron, Function, use, type FunctionProps, type StackContext } from 'sst/constructs';
import { Storage } from './Storage';

const dir = 'packages/functions/src/jobs';

/**
 * Work outside the route table: the daily cleanup of stale `pending` uploads
 * and the uploads bucket's `ObjectCreated` notification, which completes
 * uploads whose client never called `complete`. Each function is bound to the
 * MongoDB secret alone and may perform only its own S3 actions, only on the
 * uploads bucket's `users/` keys.
 */
export function Jobs({ stack }: StackContext) {
  const { bucket, secrets } = use(Storage);
  const job = (handler: string, actions: string[], timeout: number): FunctionProps => ({
    handler: `${dir}/${handler}`,
    timeout,
    bind: [secrets.MONGODB_URI],
    environment: { BUCKET_NAME: bucket.bucketName },
    permissions: [new PolicyStatement({ actions, resources: [`${bucket.bucketArn}/users/*`] })],
  });

  const cleanup = new Cron(stack, 'CleanupPendingUploads', {
    // 03:15 UTC daily, a quiet hour.
    schedule: 'cron(15 3 * * ? *)',
    job: { function: job('cleanup-pending.handler', ['s3:DeleteObject'], 300) },
  });

  const completion = new Function(stack, 'UploadCreated', job('object-created.handler', ['s3:GetObject', 's3:DeleteObject'], 30));
  // The notification is configured from this stack, on an imported reference:
  // on the Storage stack's bucket it would make Storage depend on this
  // function while this stack depends on Storage (a cycle).
  const uploads = CdkBucket.fromBucketAttributes(stack, 'UploadsRef', { bucketArn: bucket.bucketArn, bucketName: bucket.bucketName });
  uploads.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(completion), { prefix: 'users/' });

  return { cleanup, completion };
}
