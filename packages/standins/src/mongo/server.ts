import net from 'node:net';
import { runCommand, type Ctx } from './commands';
import { CommandError, errorReply } from './errors';
import { encodeReply, MAX_MESSAGE_BYTES, parseMessage, splitMessages, type Request } from './wire';

let connectionIds = 0;

function encodeSafely(req: Request, reply: Record<string, unknown>): Buffer {
  try {
    return encodeReply(req, reply);
  } catch (err) {
    const message = `reply could not be encoded: ${err instanceof Error ? err.message : String(err)}`;
    return encodeReply(req, errorReply(new CommandError('BSONObjectTooLarge', message)));
  }
}

/**
 * Serves one client connection: frames messages, runs each command synchronously in arrival
 * order and writes the reply. Anything malformed closes this socket only.
 */
export function serveConnection(socket: net.Socket, base: Omit<Ctx, 'connectionId'>): void {
  const ctx: Ctx = { ...base, connectionId: ++connectionIds };
  let chunks: Buffer[] = [];
  let size = 0;
  let need = 4;
  socket.setNoDelay(true);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    // Concatenate only once a whole message is here: large inserts arrive in many chunks.
    if (size < need) return;
    try {
      const { messages, rest } = splitMessages(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
      chunks = rest.length ? [rest] : [];
      size = rest.length;
      need = rest.length >= 4 ? rest.readInt32LE(0) : 4;
      if (need < 4 || need > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${need}`);
      for (const msg of messages) {
        const req = parseMessage(msg);
        const reply = runCommand(req.command, ctx);
        if (!req.noReply && !socket.destroyed) socket.write(encodeSafely(req, reply));
      }
    } catch {
      socket.destroy();
    }
  });
}

/** A TCP server speaking the MongoDB wire protocol; tracks sockets so it can stop promptly. */
export function createWireServer(base: Omit<Ctx, 'connectionId'>): { server: net.Server; closeAll(): void } {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, base);
  });
  server.on('error', () => {});
  return {
    server,
    closeAll: () => {
      for (const s of sockets) s.destroy();
    },
  };
}
