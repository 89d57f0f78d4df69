/**
 * THE resource table: what a function may touch, which SST secrets it is
 * bound to for it, and which settings it cannot start without. The stacks
 * (bindings, environment, IAM), the Lambda bindings reader, the container
 * runner and the configuration all derive from these rows.
 *
 * @example
 * requiredSettings(['mongo', 'bucket']); // ['MONGODB_URI', 'BUCKET_NAME']
 */
export const RESOURCES = {
  /** MongoDB: the connection string is a secret. */
  mongo: { secrets: ['MONGODB_URI'], required: ['MONGODB_URI'] },
  /** The JWT signing key set. */
  jwt: { secrets: ['JWT_PRIVATE_JWKS'], required: ['JWT_PRIVATE_JWKS'] },
  /** The shared rate-limit store; optional: without it the memory limiter runs (and readiness says so). */
  redis: { secrets: ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'], required: [] },
  /** The uploads bucket: its name is a plain setting from the stack, its actions come from the row's `bucketActions`. */
  bucket: { secrets: [], required: ['BUCKET_NAME'] },
} as const satisfies Record<string, { secrets: readonly string[]; required: readonly string[] }>;

export type Resource = keyof typeof RESOURCES;
export type SecretName = (typeof RESOURCES)[Resource]['secrets'][number];
/** Settings that some functions need and others must not have (least privilege). */
export type RequirableSetting = (typeof RESOURCES)[Resource]['required'][number];

export const RESOURCE_NAMES = Object.keys(RESOURCES) as Resource[];

/** Every secret of the table, once, in table order. */
export const SECRET_NAMES: readonly SecretName[] = [...new Set(RESOURCE_NAMES.flatMap((r) => RESOURCES[r].secrets))];

/** The secrets to bind for these resources. */
export function secretsOf(resources: readonly Resource[]): SecretName[] {
  return [...new Set(resources.flatMap((r) => RESOURCES[r].secrets))];
}

/** The settings these resources cannot run without. */
export function requiredSettings(resources: readonly Resource[]): RequirableSetting[] {
  return [...new Set(resources.flatMap((r) => RESOURCES[r].required))];
}
