import type { Redis } from 'ioredis';
import type { CommandOutcome, PreparedCommand } from './command-types';
import { ProxyRequestError, RedisUnavailableError } from './errors';

const isReplyError = (error: unknown): error is Error => error instanceof Error && error.name === 'ReplyError';

/**
 * Sends commands in one round trip, as a plain pipeline or wrapped in MULTI/EXEC, and
 * returns one outcome per command. Redis error replies stay per-command outcomes;
 * an aborted transaction (EXECABORT) is a 400 {@link ProxyRequestError}; anything that
 * is not a Redis reply (connection down, timeout) is a {@link RedisUnavailableError}.
 */
export async function executeCommands(
  redis: Redis,
  commands: PreparedCommand[],
  transaction: boolean,
): Promise<CommandOutcome[]> {
  const batch = transaction ? redis.multi() : redis.pipeline();
  for (const { command } of commands) batch.callBuffer(...command);
  let results: [error: Error | null, reply: unknown][] | null;
  try {
    results = await batch.exec();
  } catch (error) {
    if (isReplyError(error)) throw new ProxyRequestError(400, error.message);
    throw new RedisUnavailableError(error);
  }
  if (!results) throw new ProxyRequestError(400, 'EXECABORT Transaction discarded');
  return results.map(([error, reply], i): CommandOutcome => {
    if (!error) {
      const mapReply = commands[i]?.mapReply;
      return { ok: true, value: mapReply ? mapReply(reply) : reply };
    }
    if (isReplyError(error)) return { ok: false, error: error.message };
    throw new RedisUnavailableError(error);
  });
}
