/**
 * The composition root of one process: the configuration, the logger and
 * every client (MongoDB, S3, the rate-limit service, the key set) with their
 * `close()`. A Lambda function, the local server and the container server
 * each hold one runtime; tests build one from a config object.
 *
 * Clients are declared with {@link defineClient} in `clients/`, one module per
 * technology, so a function's bundle holds only the clients its handler
 * imports; the runtime creates each once, on first use, and closes them all.
 *
 * @example
 * const runtime = useRuntime(createRuntime(parseConfig({ MONGODB_URI: 'mongodb://127.0.0.1:27017' })));
 * const { db } = runtime.get(mongoClient);
 * await runtime.close();
 */
import { ConfigError, loadConfig, type Config } from '@nocturnal/core/config';
import { createLogger, type Logger } from '@nocturnal/core/logger';
import { noMetrics, type Metrics } from '@nocturnal/core/observability/metrics';
import { missingSettings, type Resource } from '@nocturnal/core/resources';
import type { ChainMiddleware } from './request-state';
import { readBindings } from './bindings';
import { lambdaObservability } from './observability/lambda';
import { assertDeclared } from './resource-scope';
import { installLazySourceMaps } from './source-maps';

// In a bundle run without --enable-source-maps: stack traces mapped on first use, not at load.
installLazySourceMaps(import.meta.url);

export interface ClientDef<T> {
  readonly name: string;
  /** The resource the client uses: warming follows the route row's `resources`. */
  readonly resource: Resource;
  create(runtime: Runtime): T;
  close?(client: Awaited<T>): void | Promise<void>;
  /** Created while the function initialises when its row declares {@link resource}. */
  readonly warm?: boolean;
}

const declared: Array<ClientDef<unknown>> = [];

/** Declares a client kind; the runtime makes one instance per process. */
export function defineClient<T>(def: ClientDef<T>): ClientDef<T> {
  declared.push(def as ClientDef<unknown>);
  return def;
}

export interface Runtime {
  readonly config: Config;
  readonly log: Logger;
  /** Where the chain records requests, 429s, cold starts and the limiter's state (EMF on Lambda, prom-client in containers). */
  readonly metrics: Metrics;
  /** Platform middlewares put first in every chain (on Lambda: Powertools' Lambda context for the logs). */
  readonly middlewares: readonly ChainMiddleware[];
  /**
   * This process's instance of a client, created on first use; a rejected
   * promise is forgotten, so the next call retries. Inside an invocation, a
   * client whose resource the function's row does not declare is refused
   * (`UndeclaredResourceError`).
   */
  get<T>(client: ClientDef<T>): T;
  /** Throws a {@link ConfigError} naming every setting these resources need and do not have. */
  require(resources: readonly Resource[]): void;
  /** Starts the warmable clients of these resources (connections, indexes); errors are left to the first request. */
  warm(resources: readonly Resource[]): void;
  /** Closes every client, newest first. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: Logger;
  /** Default: none recorded. */
  metrics?: Metrics;
  middlewares?: readonly ChainMiddleware[];
}

export function createRuntime(config: Config, opts: RuntimeOptions = {}): Runtime {
  const log = opts.log ?? createLogger({ level: config.LOG_LEVEL, fields: { stage: config.STAGE } });
  const instances = new Map<ClientDef<unknown>, unknown>();
  let closed = false;
  const runtime: Runtime = {
    config,
    log,
    metrics: opts.metrics ?? noMetrics,
    middlewares: opts.middlewares ?? [],
    get<T>(client: ClientDef<T>): T {
      assertDeclared(client);
      if (instances.has(client)) return instances.get(client) as T;
      if (closed) throw new Error(`runtime closed: cannot create ${client.name}`);
      const created = client.create(runtime);
      instances.set(client, created);
      if (created instanceof Promise) {
        created.catch(() => {
          if (instances.get(client) === created) instances.delete(client);
        });
      }
      return created;
    },
    require(resources) {
      const absent = missingSettings(resources, (name) => Boolean(config[name]));
      if (absent.length > 0) throw new ConfigError(absent.map((name) => `${name}: is required but not set`));
    },
    warm(resources) {
      for (const client of declared) {
        if (!client.warm || !resources.includes(client.resource)) continue;
        try {
          const created = runtime.get(client);
          if (created instanceof Promise) created.catch(() => undefined);
        } catch {
          // A missing setting: require() has already failed the cold start for it.
        }
      }
    },
    async close() {
      closed = true;
      const all = [...instances].reverse();
      instances.clear();
      await Promise.allSettled(
        all.map(async ([client, value]) => {
          if (client.close) await client.close(await (value as Promise<never>));
        }),
      );
    },
  };
  return runtime;
}

let current: Runtime | undefined;

/**
 * The process's runtime. On Lambda it is built on first use from the SST
 * bindings and the environment, with Powertools' logs and EMF metrics
 * (observability/lambda.ts); servers and tests install theirs with
 * {@link useRuntime} first, so they never get EMF.
 */
export function getRuntime(): Runtime {
  return (current ??= lambdaRuntime(loadConfig(readBindings())));
}

/** A runtime as a Lambda function has it: Powertools logs (with the Lambda context) and EMF metrics. */
export function lambdaRuntime(config: Config): Runtime {
  return createRuntime(config, lambdaObservability(config));
}

/** Makes `runtime` the process's runtime (the servers, the tests). */
export function useRuntime(runtime: Runtime): Runtime {
  current = runtime;
  return runtime;
}

/** Closes the process's runtime; the next {@link getRuntime} builds a new one. */
export async function closeRuntime(): Promise<void> {
  const runtime = current;
  current = undefined;
  await runtime?.close();
}
