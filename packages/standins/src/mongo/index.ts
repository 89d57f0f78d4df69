import { Cursors } from './cursors';
import { Persistence } from './persistence';
import { createWireServer } from './server';
import { Catalog } from './store/catalog';

/** A running stand-in. `uri` is ready for `new MongoClient(uri)`. */
export interface MongoStandIn {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

export interface MongoStandInOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Folder for snapshots; without it data lives in memory only. */
  dataDir?: string;
  /** How often the TTL monitor runs (MongoDB: 60 s); default 1000 ms. */
  ttlIntervalMs?: number;
}

/**
 * Starts an embedded server that speaks MongoDB's wire protocol to the official driver.
 *
 * @example
 * const mongo = await startMongo({ dataDir: '.data/mongo' });
 * const client = await new MongoClient(mongo.uri).connect();
 * // …
 * await client.close();
 * await mongo.stop();
 */
export async function startMongo(opts: MongoStandInOptions = {}): Promise<MongoStandIn> {
  const host = opts.host ?? '127.0.0.1';
  let persistence: Persistence | undefined;
  const store = new Catalog((db, coll) => persistence?.changed(db, coll));
  if (opts.dataDir) {
    persistence = new Persistence(opts.dataDir, store);
    await persistence.load();
  }
  const cursors = new Cursors();
  const { server, closeAll } = createWireServer({ store, cursors });
  const ttl = setInterval(() => {
    const now = Date.now();
    store.expire(now);
    cursors.sweep(now);
  }, opts.ttlIntervalMs ?? 1000);
  ttl.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    clearInterval(ttl);
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://${urlHost}:${port}/?directConnection=true`,
    port,
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(ttl);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        closeAll();
        await closed;
        await persistence?.flush();
      })()),
  };
}
