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
  /**
   * The private JWT key set, for functions that sign tokens. A signing
   * function has `jwks` too (functions/route-types.ts, resourcesOf), so its
   * cold start fails when the public set does not publish the signing key.
   */
  jwt: { secrets: ['JWT_PRIVATE_JWKS'], required: ['JWT_PRIVATE_JWKS'] },
  /**
   * The public JWT key set: functions that only verify tokens, and the JWKS
   * route (least privilege: no private key). Where the private set is at hand
   * (the container, `npm start`), the public one is derived from it.
   */
  jwks: { secrets: ['JWT_PUBLIC_JWKS'], required: ['JWT_PUBLIC_JWKS'], derivedFrom: { JWT_PUBLIC_JWKS: 'JWT_PRIVATE_JWKS' } },
  /** The shared rate-limit store; optional: without it the memory limiter runs (and readiness says so). */
  redis: { secrets: ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'], required: [] },
  /** The uploads bucket: its name is a plain setting from the stack, its actions come from the row's `bucketActions`. */
  bucket: { secrets: [], required: ['BUCKET_NAME'] },
} as const satisfies Record<
  string,
  { secrets: readonly string[]; required: readonly string[]; derivedFrom?: Readonly<Record<string, string>> }
>;

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

const RESOURCE_ROWS = Object.values(RESOURCES) as Array<{ derivedFrom?: Readonly<Record<string, string>> }>;

/** The setting a required one can be derived from (`JWT_PUBLIC_JWKS` ← `JWT_PRIVATE_JWKS`), if any. */
export function sourceOf(setting: RequirableSetting): RequirableSetting | undefined {
  for (const r of RESOURCE_ROWS) {
    const from = r.derivedFrom?.[setting];
    if (from) return from as RequirableSetting;
  }
  return undefined;
}

/**
 * The settings these resources cannot run without. A setting derivable from
 * another one that is itself required is left out: the container, which runs
 * every route, needs `JWT_PRIVATE_JWKS` and derives `JWT_PUBLIC_JWKS`.
 */
export function requiredSettings(resources: readonly Resource[]): RequirableSetting[] {
  const all = [...new Set(resources.flatMap((r): readonly RequirableSetting[] => RESOURCES[r].required))];
  return all.filter((name) => {
    const from = sourceOf(name);
    return !from || !all.includes(from);
  });
}

/** The required settings of these resources that `isSet` lacks, neither set nor derivable from a set one. */
export function missingSettings(resources: readonly Resource[], isSet: (name: RequirableSetting) => boolean): RequirableSetting[] {
  return requiredSettings(resources).filter((name) => {
    if (isSet(name)) return false;
    const from = sourceOf(name);
    return !from || !isSet(from);
  });
}
