import { AsyncLocalStorage } from 'node:async_hooks';
import type { Resource } from '@nocturnal/core/resources';

/** A function reached for a client of a resource its row does not declare: on AWS it would have no binding for it. */
export class UndeclaredResourceError extends Error {
  readonly code = 'UNDECLARED_RESOURCE';
  constructor(readonly functionId: string, readonly client: string, readonly resource: Resource) {
    super(`${functionId} uses the ${client} client, whose resource "${resource}" its row does not declare: add '${resource}' to its resources`);
    this.name = 'UndeclaredResourceError';
  }
}

interface Scope {
  functionId: string;
  resources: ReadonlySet<Resource>;
}

const current = new AsyncLocalStorage<Scope>();

/**
 * Runs one invocation of a function (a route's or a job's) with its declared
 * resources in scope, so every runtime — the local server and the container,
 * where one process holds every client, as well as Lambda — refuses a client
 * the row does not declare, exactly as AWS would by having no binding for it.
 *
 * @example
 * return withDeclaredResources(def.id, resourcesOf(def), () => handler(event, context));
 */
export function withDeclaredResources<T>(functionId: string, resources: readonly Resource[], run: () => T): T {
  return current.run({ functionId, resources: new Set(resources) }, run);
}

/** Throws {@link UndeclaredResourceError} inside an invocation whose row lacks the client's resource. */
export function assertDeclared(client: { name: string; resource: Resource }): void {
  const scope = current.getStore();
  if (scope && !scope.resources.has(client.resource)) throw new UndeclaredResourceError(scope.functionId, client.name, client.resource);
}
