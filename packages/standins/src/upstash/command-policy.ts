import type { RedisCommand } from './command-types';
import { ProxyRequestError } from './errors';

/**
 * Commands that change the state of the shared connection (database, auth, protocol,
 * subscriptions, transactions) or stop the server. Every HTTP request shares one Redis
 * connection, so these are refused; transactions go through `/multi-exec` instead.
 */
const DENIED = new Set([
  'AUTH', 'HELLO', 'SELECT', 'QUIT', 'RESET', 'CLIENT', 'MONITOR', 'SYNC', 'PSYNC', 'REPLCONF',
  'MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH',
  'SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE',
  'SHUTDOWN',
]);

/** Commands that can hold a connection for a long time. */
const BLOCKING = new Set([
  'BLPOP', 'BRPOP', 'BRPOPLPUSH', 'BLMOVE', 'BLMPOP', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP', 'WAIT', 'WAITAOF',
]);

/**
 * Throws a 400 {@link ProxyRequestError} for a command the proxy refuses to relay.
 */
export function assertAllowed(command: RedisCommand): void {
  if (DENIED.has(command[0])) {
    throw new ProxyRequestError(400, `ERR Command is not allowed: ${command[0].toLowerCase()}`);
  }
}

/**
 * True for commands that may block (BLPOP, XREAD BLOCK, ...): they run on a dedicated
 * connection so they never stall other requests.
 */
export function isBlocking(command: RedisCommand): boolean {
  const [name, ...args] = command;
  if (BLOCKING.has(name)) return true;
  if (name !== 'XREAD' && name !== 'XREADGROUP') return false;
  return args.some((arg) => typeof arg === 'string' && arg.toUpperCase() === 'BLOCK');
}
