import type { Document } from 'bson';
import { CommandError, errorReply, toCommandError } from '../errors';
import { adminCommands } from './admin';
import type { Ctx, Handler } from './context';
import { findAndModifyCommands } from './find-and-modify';
import { handshakeCommands } from './handshake';
import { indexCommands } from './indexes';
import { readCommands } from './read';
import { writeCommands } from './write';

export type { Ctx } from './context';

const COMMANDS: Record<string, Handler> = {
  ...handshakeCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...adminCommands,
  ...indexCommands,
};

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

/** Runs one command synchronously and always returns a reply document (errors become ok: 0). */
export function runCommand(cmd: Document, ctx: Ctx): Document {
  const name = Object.keys(cmd)[0] ?? '';
  try {
    // A standalone server: no transactions, and no retryable writes (the driver sends none to it).
    if (cmd.txnNumber !== undefined || TRANSACTION_COMMANDS.has(name)) {
      throw new CommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
    return handler(cmd, ctx);
  } catch (err) {
    return errorReply(toCommandError(err));
  }
}
