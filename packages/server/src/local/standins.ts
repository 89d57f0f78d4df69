/**
 * Starts the stand-ins for whatever the environment leaves unconfigured and
 * returns the settings that point the API at them. Dev and tests only.
 */
import { join } from 'node:path';
import { startMongo } from '@nocturnal/standins/mongo/index';
import { startS3 } from '@nocturnal/standins/s3/index';
import { findRedisServer, startUpstash } from '@nocturnal/standins/upstash/index';
import { loadOrCreateDevKeys, publicJwksOf } from './dev-keys';

export interface StandIns {
  /** Settings to merge into the environment. */
  env: Record<string, string>;
  /** What backs each dependency, for the banner. */
  backing: Record<string, string>;
  stop(): Promise<void>;
}

/** The settings whose absence starts a stand-in. */
export type ConfiguredServices = Partial<
  Record<'MONGODB_URI' | 'S3_ENDPOINT' | 'BUCKET_NAME' | 'UPSTASH_REDIS_REST_URL' | 'REDIS_URL' | 'JWT_PRIVATE_JWKS' | 'JWT_PUBLIC_JWKS', string>
>;

export async function startStandIns(opts: {
  configured: ConfiguredServices;
  dataDir?: string;
  corsOrigins?: string[];
}): Promise<StandIns> {
  const { configured: env, dataDir } = opts;
  const sub = (name: string) => (dataDir ? join(dataDir, name) : undefined);
  const stops: Array<() => Promise<void>> = [];
  const out: Record<string, string> = {};
  const backing: Record<string, string> = {};
  try {
    if (!env.MONGODB_URI) {
      const mongo = await startMongo({ dataDir: sub('mongo') });
      stops.push(() => mongo.stop());
      out.MONGODB_URI = mongo.uri;
      backing.mongodb = `embedded MongoDB wire server at ${mongo.uri}`;
    } else backing.mongodb = 'MONGODB_URI';

    if (!env.S3_ENDPOINT && !env.BUCKET_NAME) {
      const s3 = await startS3({ dataDir: sub('s3'), corsOrigins: opts.corsOrigins ?? ['*'] });
      stops.push(() => s3.stop());
      Object.assign(out, {
        S3_ENDPOINT: s3.endpoint,
        BUCKET_NAME: s3.bucket,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_REGION: 'us-east-1',
      });
      backing.s3 = `s3rver at ${s3.endpoint} (bucket ${s3.bucket})`;
    } else backing.s3 = env.S3_ENDPOINT ? `S3_ENDPOINT ${env.S3_ENDPOINT}` : 'AWS S3';

    if (env.REDIS_URL) backing.rateLimit = 'REDIS_URL (RESP)';
    else if (!env.UPSTASH_REDIS_REST_URL) {
      if (findRedisServer()) {
        const upstash = await startUpstash({ dataDir: sub('redis') });
        stops.push(() => upstash.stop());
        out.UPSTASH_REDIS_REST_URL = upstash.url;
        out.UPSTASH_REDIS_REST_TOKEN = upstash.token;
        backing.rateLimit = `redis-server + Upstash REST proxy at ${upstash.url}`;
      } else backing.rateLimit = 'memory limiter (no redis-server on PATH): limits are per process';
    } else backing.rateLimit = 'UPSTASH_REDIS_REST_URL';

    if (!env.JWT_PRIVATE_JWKS) {
      out.JWT_PRIVATE_JWKS = dataDir ? await loadOrCreateDevKeys(dataDir) : await import('./dev-keys').then((m) => m.generateJwks());
      backing.jwt = dataDir ? 'development key in the data folder' : 'ephemeral development key';
    } else backing.jwt = 'JWT_PRIVATE_JWKS';
    // As on Lambda, verifying goes through the public set (here the public half of the private one).
    if (!env.JWT_PUBLIC_JWKS) out.JWT_PUBLIC_JWKS = publicJwksOf(out.JWT_PRIVATE_JWKS ?? env.JWT_PRIVATE_JWKS!);
  } catch (error) {
    await Promise.allSettled(stops.map((s) => s()));
    throw error;
  }
  return {
    env: out,
    backing,
    stop: async () => {
      await Promise.allSettled(stops.reverse().map((s) => s()));
    },
  };
}
