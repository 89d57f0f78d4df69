import type { RedisArg, RedisCommand } from './command-types';
import { assertAllowed } from './command-policy';
import { ProxyRequestError } from './errors';

/**
 * Validates one command from a JSON body (`["SET", "k", "v", "EX", 10]`): a non-empty
 * array whose items are strings, numbers or booleans, as `@upstash/redis` sends them.
 *
 * @throws {@link ProxyRequestError} 400 for anything else or a refused command.
 * @example
 * ```ts
 * parseCommand(['set', 'k', 1]); // ['SET', 'k', '1']
 * ```
 */
export function parseCommand(value: unknown): RedisCommand {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ProxyRequestError(400, 'ERR failed to parse command: expected a non-empty JSON array');
  }
  const [name, ...rest] = value as unknown[];
  if (typeof name !== 'string' || name.length === 0) {
    throw new ProxyRequestError(400, 'ERR failed to parse command: the command name must be a string');
  }
  const command: RedisCommand = [name.toUpperCase(), ...rest.map(toArg)];
  assertAllowed(command);
  return command;
}

/** Converts a list of commands (`/pipeline`, `/multi-exec` bodies). */
export function parseCommands(value: unknown): RedisCommand[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ProxyRequestError(400, 'ERR failed to parse pipeline: expected a non-empty JSON array of commands');
  }
  return value.map(parseCommand);
}

function toArg(arg: unknown): RedisArg {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
  throw new ProxyRequestError(400, 'ERR failed to parse command: arguments must be strings, numbers or booleans');
}
