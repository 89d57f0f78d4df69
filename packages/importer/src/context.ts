import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { requireSetting, type Config } from '@nocturnal/core/config';
import { createMongo } from '@nocturnal/core/db/mongo';
import { filesSettings, type FilesContext } from '@nocturnal/core/files/context';
import { mongoFileRepository } from '@nocturnal/core/files/files.mongo';
import { s3ObjectStore } from '@nocturnal/core/files/objects.s3';
import { requiredSettings, type Resource } from '@nocturnal/core/resources';
import { createS3Client } from '@nocturnal/core/storage/s3';
import type { UserRepository } from '@nocturnal/core/users/types';
import { mongoUserRepository } from '@nocturnal/core/users/users.mongo';

/** The resources each command touches: they decide the settings it cannot start without. */
export const COMMAND_RESOURCES = { users: ['mongo'], files: ['mongo', 'bucket'], status: ['mongo'] } as const satisfies Record<
  string,
  readonly Resource[]
>;

export type CommandName = keyof typeof COMMAND_RESOURCES;

/** The settings a command needs, from the resource table. */
export const settingsFor = (command: CommandName) => requiredSettings(COMMAND_RESOURCES[command]);

/** Where the import writes, as the checkpoint header records it. */
export interface Target {
  /** A fingerprint of database and bucket: a checkpoint is only resumed against the same target. */
  fingerprint: string;
  describe: string;
}

/** The importer's composition root: the API's clients and repositories, created once, closed once. */
export interface ImportContext {
  config: Config;
  users: UserRepository;
  /** Only for `files`. */
  files?: FilesContext & { s3: S3Client; bucket: string };
  target: Target;
  close(): Promise<void>;
}

/**
 * Builds what a command needs from the one typed configuration, with the
 * same factories as the API (`createMongo`, `createS3Client`, the MongoDB
 * repositories, the S3 object store), and creates the API's indexes (idempotent).
 *
 * @example
 * const ctx = await createImportContext(loadConfig({}, settingsFor('files')), 'files');
 * try { … } finally { await ctx.close(); }
 */
export async function createImportContext(config: Config, command: CommandName): Promise<ImportContext> {
  const mongo = createMongo({ MONGODB_URI: requireSetting(config, 'MONGODB_URI'), MONGODB_DB: config.MONGODB_DB });
  const users = mongoUserRepository(mongo.db);
  let files: ImportContext['files'];
  try {
    await users.ensureIndexes();
    if (command === 'files') {
      const bucket = requireSetting(config, 'BUCKET_NAME');
      const s3 = createS3Client(config);
      const repository = mongoFileRepository(mongo.db);
      await repository.ensureIndexes();
      files = { files: repository, objects: s3ObjectStore({ s3, bucket }), settings: filesSettings(config), s3, bucket };
    }
  } catch (error) {
    await mongo.client.close();
    throw error;
  }
  return {
    config,
    users,
    files,
    target: targetOf(config, command),
    close: async () => {
      files?.s3.destroy();
      await mongo.client.close();
    },
  };
}

/** Hosts without credentials, so neither the fingerprint nor the message holds a secret. */
function targetOf(config: Config, command: CommandName): Target {
  const hosts = (config.MONGODB_URI ?? '')
    .replace(/^mongodb(\+srv)?:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .replace(/[/?].*$/, '');
  const parts = [`database ${config.MONGODB_DB} on ${hosts}`];
  if (command === 'files') parts.push(`bucket ${config.BUCKET_NAME}${config.S3_ENDPOINT ? ` at ${config.S3_ENDPOINT}` : ''}`);
  const describe = parts.join(', ');
  return { fingerprint: createHash('sha256').update(describe).digest('hex').slice(0, 16), describe };
}
