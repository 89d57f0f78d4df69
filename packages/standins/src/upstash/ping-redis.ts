import { connect } from 'node:net';

/**
 * True when a Redis server answers `PING` with `+PONG` on host:port within `timeoutMs`.
 * Plain socket, no client library: used to wait for a freshly spawned server.
 */
export function pingRedis(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      // -LOADING while the AOF is replayed: not ready yet.
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}
