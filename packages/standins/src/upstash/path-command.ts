import type { RedisCommand } from './command-types';
import { assertAllowed } from './command-policy';
import { ProxyRequestError } from './errors';

const COMMAND_NAME = /^[A-Za-z][A-Za-z0-9_.|-]*$/;

/**
 * Reads Upstash's URL form of a command: `/set/foo/bar?EX=100` is `SET foo bar EX 100`.
 * Segments are URI-decoded; a POST body is appended as the last positional argument
 * (raw bytes, so binary values survive); query parameters other than `_token` follow.
 *
 * @throws {@link ProxyRequestError} 404 when the path is not a command, 400 when refused.
 */
export function parsePathCommand(url: URL, body: Buffer | undefined): RedisCommand {
  const segments = url.pathname.split('/').slice(1);
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  let decoded: string[];
  try {
    decoded = segments.map((segment) => decodeURIComponent(segment));
  } catch {
    throw new ProxyRequestError(400, 'ERR failed to parse command: malformed URL encoding');
  }
  const [name = '', ...args] = decoded;
  if (!COMMAND_NAME.test(name)) throw new ProxyRequestError(404, 'ERR not found');
  const command: RedisCommand = [name.toUpperCase(), ...args];
  if (body && body.length > 0) command.push(body);
  for (const [key, value] of url.searchParams) {
    if (key === '_token') continue;
    command.push(key);
    if (value !== '') command.push(value);
  }
  assertAllowed(command);
  return command;
}
