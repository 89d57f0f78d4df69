import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Bucket, Config, type StackContext } from 'sst/constructs';
import { SECRET_NAMES, type SecretName } from '../packages/core/src/resources';
import { deploySettings } from './settings';

/** The uploads bucket (private, encrypted, CORS for browser PUT/GET) and the secrets. */
export function Storage({ stack, app }: StackContext) {
  const settings = deploySettings(app.stage);
  const bucket = new Bucket(stack, 'Uploads', {
    cors:
      settings.corsOrigins.length > 0
        ? [
            {
              allowedMethods: ['GET', 'PUT', 'HEAD'],
              allowedOrigins: settings.corsOrigins,
              allowedHeaders: ['*'],
              exposedHeaders: ['ETag'],
              maxAge: '1 hour',
            },
          ]
        : false,
    cdk: {
      bucket: {
        encryption: BucketEncryption.S3_MANAGED,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: false,
        removalPolicy: settings.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        autoDeleteObjects: !settings.retain,
        lifecycleRules: [{ id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      },
    },
  });
  // One secret per name in the resource table.
  const secrets = Object.fromEntries(SECRET_NAMES.map((name) => [name, new Config.Secret(stack, name)])) as Record<SecretName, Config.Secret>;
  return { bucket, secrets };
}
