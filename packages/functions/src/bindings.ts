/**
 * Reads the SST bindings of this function (secrets from SSM, fetched once per
 * cold start by `sst/node/config`'s top-level await). The bucket name arrives as
 * the plain `BUCKET_NAME` variable with a policy scoped to the route. Outside
 * Lambda nothing is bound and this returns `{}`, so plain environment
 * variables configure the local gateway and the container server.
 */
import { Config } from 'sst/node/config';
import { SECRET_NAMES } from '@nocturnal/core/resources';

export function readBindings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SECRET_NAMES) {
    const value = tryRead(() => (Config as unknown as Record<string, unknown>)[name]);
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

// The SST proxies throw when a name is not bound to this function.
function tryRead(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}
