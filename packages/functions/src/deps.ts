/**
 * The composition root of the Lambda side. Configuration is parsed once per
 * process, outside any handler; the clients live in `clients/` (one module per
 * technology) so a function's bundle holds only the clients it imports.
 */
import { ConfigError, loadConfig, type Config, type RequirableSetting } from '@nocturnal/core/config';
import { createLogger, type Logger } from '@nocturnal/core/logger';
import { readBindings } from './bindings';
import type { Resource } from './route-types';

export interface Deps {
  config: Config;
  log: Logger;
}

const REQUIRED_BY: Record<Resource, RequirableSetting[]> = {
  mongo: ['MONGODB_URI'],
  bucket: ['BUCKET_NAME'],
  jwt: ['JWT_PRIVATE_JWKS'],
  redis: [],
};

let deps: Deps | undefined;
const checked = new Set<Resource>();
const closers: Array<() => Promise<void> | void> = [];

export function getDeps(): Deps {
  if (deps) return deps;
  const config = loadConfig(readBindings());
  deps = { config, log: createLogger({ level: config.LOG_LEVEL, fields: { stage: config.STAGE } }) };
  return deps;
}

/**
 * Fails at cold start (not at the first request) when a resource this function
 * declares has no setting: the error names the variable.
 */
export function ensureResources(resources: readonly Resource[]): void {
  const missing = resources.filter((r) => !checked.has(r));
  if (missing.length === 0) return;
  const { config } = getDeps();
  const absent = missing.flatMap((r) => REQUIRED_BY[r]).filter((name) => !config[name]);
  if (absent.length > 0) throw new ConfigError(absent.map((name) => `${name}: is required but not set`));
  missing.forEach((r) => checked.add(r));
}

/** Registers clean-up for graceful shutdown (container server, tests). */
export function onClose(close: () => Promise<void> | void): void {
  closers.push(close);
}

/** Closes every client and forgets the configuration. */
export async function closeDeps(): Promise<void> {
  const all = closers.splice(0);
  await Promise.allSettled(all.map(async (c) => c()));
  deps = undefined;
  checked.clear();
}
