import type { Redis } from 'ioredis';

/**
 * Runs `work` on a short-lived connection of its own, for commands that may block
 * (BLPOP, XREAD BLOCK): the shared connection must never wait on them. No command
 * timeout (the command carries its own), no reconnect; closed when done or when
 * `signal` aborts (the HTTP client went away).
 */
export async function withDedicatedConnection<T>(
  shared: Redis,
  signal: AbortSignal,
  work: (connection: Redis) => Promise<T>,
): Promise<T> {
  const connection = shared.duplicate({
    enableOfflineQueue: true,
    commandTimeout: undefined,
    retryStrategy: () => null,
  });
  connection.on('error', () => {
    // surfaced through the rejected command
  });
  const close = () => connection.disconnect();
  signal.addEventListener('abort', close, { once: true });
  try {
    return await work(connection);
  } finally {
    signal.removeEventListener('abort', close);
    close();
  }
}
