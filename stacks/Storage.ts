import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Bucket, Config, type StackContext } from 'sst/constructs';
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
  const secrets = {
    MONGODB_URI: new Config.Secret(stack, 'MONGODB_URI'),
    JWT_PRIVATE_JWKS: new Config.Secret(stack, 'JWT_PRIVATE_JWKS'),
    UPSTASH_REDIS_REST_URL: new Config.Secret(stack, 'UPSTASH_REDIS_REST_URL'),
    UPSTASH_REDIS_REST_TOKEN: new Config.Secret(stack, 'UPSTASH_REDIS_REST_TOKEN'),
  };
  return { bucket, secrets };
}
