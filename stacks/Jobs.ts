import { Bucket as CdkBucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Cron, Function, use, type StackContext } from 'sst/constructs';
import { findJob } from '../packages/functions/src/routes/jobs';
import { functionProps } from './functions';
import { Storage } from './Storage';

/**
 * Work outside the route table, from the jobs table: the daily cleanup of
 * stale `pending` uploads and the uploads bucket's `ObjectCreated`
 * notification, which completes uploads whose client never called
 * `complete`. Each function is bound like a route, from its row.
 */
export function Jobs({ stack }: StackContext) {
  const storage = use(Storage);
  const { bucket } = storage;

  const cleanupJob = findJob('cleanup-pending');
  const cleanup = new Cron(stack, 'CleanupPendingUploads', {
    // 03:15 UTC daily, a quiet hour.
    schedule: 'cron(15 3 * * ? *)',
    job: { function: functionProps(cleanupJob, storage) },
  });

  const onCreated = findJob('object-created');
  const completion = new Function(stack, 'UploadCreated', functionProps(onCreated, storage));
  // The notification is configured from this stack, on an imported reference:
  // on the Storage stack's bucket it would make Storage depend on this
  // function while this stack depends on Storage (a cycle).
  const uploads = CdkBucket.fromBucketAttributes(stack, 'UploadsRef', { bucketArn: bucket.bucketArn, bucketName: bucket.bucketName });
  uploads.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(completion), { prefix: onCreated.bucketPrefix });

  // Named by their rows, for the Monitoring stack's per-function alarms.
  const functions = [
    { id: cleanupJob.id, fn: cleanup.jobFunction },
    { id: onCreated.id, fn: completion },
  ];
  return { cleanup, completion, functions };
}
