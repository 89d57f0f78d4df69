import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deserialize, serialize, type Document } from 'bson';
import { startMongo, type MongoStandIn } from './index';
import { parseMessage } from './wire';

let mongo: MongoStandIn;
beforeAll(async () => {
  mongo = await startMongo({ port: 0 });
});
afterAll(async () => {
  await mongo.stop();
});

const header = (len: number, requestId: number, opCode: number): Buffer => {
  const h = Buffer.alloc(16);
  h.writeInt32LE(len, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(opCode, 12);
  return h;
};

/** OP_MSG with a body section and optional kind-1 document sequences. */
function opMsg(requestId: number, body: Document, flags = 0, sequences: Record<string, Document[]> = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  for (const [id, docs] of Object.entries(sequences)) {
    const payload = Buffer.concat([Buffer.from(`${id}\0`), ...docs.map((d) => Buffer.from(serialize(d)))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const f = Buffer.alloc(4);
  f.writeUInt32LE(flags);
  const rest = Buffer.concat([f, ...parts]);
  return Buffer.concat([header(16 + rest.length, requestId, 2013), rest]);
}

/** Sends raw bytes and collects replies as [responseTo, opCode, document]. */
async function exchange(bytes: Buffer, expected: number): Promise<Array<[number, number, Document]>> {
  const sock = net.connect(mongo.port, '127.0.0.1');
  sock.write(bytes);
  const replies: Array<[number, number, Document]> = [];
  let buf = Buffer.alloc(0);
  for await (const chunk of sock) {
    buf = Buffer.concat([buf, chunk as Buffer]);
    while (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
      const msg = buf.subarray(0, buf.readInt32LE(0));
      buf = buf.subarray(msg.length);
      const opCode = msg.readInt32LE(12);
      const docAt = opCode === 1 ? 36 : 21;
      replies.push([msg.readInt32LE(8), opCode, deserialize(msg.subarray(docAt))]);
    }
    if (replies.length >= expected) break;
  }
  sock.destroy();
  return replies;
}

describe('wire protocol', () => {
  it('answers a legacy OP_QUERY isMaster with OP_REPLY', async () => {
    const q = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.alloc(4), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from(serialize({ isMaster: 1 }))]);
    const [[responseTo, opCode, doc]] = (await exchange(Buffer.concat([header(16 + q.length, 7, 2004), q]), 1)) as [[number, number, Document]];
    expect([responseTo, opCode]).toEqual([7, 1]);
    expect(doc).toMatchObject({ ismaster: true, maxWireVersion: 21, minWireVersion: 0, ok: 1 });
  });

  it('sends no reply to moreToCome and answers the next message', async () => {
    const bytes = Buffer.concat([opMsg(1, { endSessions: [], $db: 'admin' }, 1 << 1), opMsg(2, { ping: 1, $db: 'admin' })]);
    const replies = await exchange(bytes, 1);
    expect(replies.map(([to, op, d]) => [to, op, d.ok])).toEqual([[2, 2013, 1]]);
  });

  it('merges kind-1 document sequences into the command', () => {
    const msg = opMsg(3, { insert: 'c', $db: 'd' }, 0, { documents: [{ a: 1 }, { a: 2 }] });
    expect(parseMessage(msg).command).toEqual({ insert: 'c', $db: 'd', documents: [{ a: 1 }, { a: 2 }] });
  });
});
