import { deserialize, serialize, type Document } from 'bson';

/** Wire protocol op codes the stand-in speaks. */
export const OP = { REPLY: 1, QUERY: 2004, MSG: 2013 } as const;
const MORE_TO_COME = 1 << 1;
const CHECKSUM_PRESENT = 1 << 0;
/** Largest message accepted (MongoDB's maxMessageSizeBytes). */
export const MAX_MESSAGE_BYTES = 48_000_000;

/** A request decoded from one wire message: the command document and how to answer. */
export interface Request {
  opCode: number;
  requestId: number;
  /** OP_QUERY only: the namespace, e.g. `admin.$cmd`. */
  ns?: string;
  command: Document;
  /** OP_MSG with moreToCome: the client expects no reply. */
  noReply: boolean;
}

/** Incoming documents keep BSON's default promotion: int32/double/safe int64 → number, larger int64 → Long. */
export const decode = (buf: Uint8Array): Document => deserialize(buf);
/** Outgoing documents drop `undefined` (MongoDB has no "undefined" field in results). */
export const encode = (doc: Document): Buffer => Buffer.from(serialize(doc, { ignoreUndefined: true }));

/** Splits complete messages off the front of `buf`; returns them and the unread remainder. */
export function splitMessages(buf: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buf.length - offset >= 4) {
    const len = buf.readInt32LE(offset);
    if (len < 16 || len > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${len}`);
    if (buf.length - offset < len) break;
    messages.push(buf.subarray(offset, offset + len));
    offset += len;
  }
  return { messages, rest: buf.subarray(offset) };
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new Error('unterminated cstring');
  return [buf.toString('utf8', offset, end), end + 1];
}

function readDoc(buf: Buffer, offset: number): [Document, number] {
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > buf.length) throw new Error('bad document size');
  return [decode(buf.subarray(offset, offset + size)), offset + size];
}

/** Decodes one OP_MSG or OP_QUERY message; kind-1 document sequences are merged into the command. */
export function parseMessage(msg: Buffer): Request {
  const requestId = msg.readInt32LE(4);
  const opCode = msg.readInt32LE(12);
  if (opCode === OP.QUERY) {
    let [ns, off] = readCString(msg, 20);
    off += 8; // numberToSkip, numberToReturn
    const [query] = readDoc(msg, off);
    const command = '$query' in query && typeof query.$query === 'object' ? query.$query : query;
    command.$db ??= ns.split('.')[0];
    return { opCode, requestId, ns, command, noReply: false };
  }
  if (opCode !== OP.MSG) throw new Error(`unsupported opCode ${opCode}`);
  const flags = msg.readUInt32LE(16);
  const end = msg.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let off = 20;
  let command: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (off < end) {
    const kind = msg[off++];
    if (kind === 0) {
      [command, off] = readDoc(msg, off);
    } else if (kind === 1) {
      const sectionEnd = off + msg.readInt32LE(off);
      let [id, p] = readCString(msg, off + 4);
      const docs: Document[] = (sequences[id] = []);
      while (p < sectionEnd) {
        const [doc, next] = readDoc(msg, p);
        docs.push(doc);
        p = next;
      }
      off = sectionEnd;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new Error('OP_MSG without a body section');
  Object.assign(command, sequences);
  return { opCode, requestId, command, noReply: (flags & MORE_TO_COME) !== 0 };
}

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(0, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** Encodes a reply in the wire format the request came in (OP_MSG, or OP_REPLY for OP_QUERY). */
export function encodeReply(req: Request, reply: Document): Buffer {
  const body = encode(reply);
  if (req.opCode === OP.QUERY) {
    const pre = Buffer.alloc(20);
    pre.writeInt32LE(8, 0); // responseFlags: AwaitCapable
    pre.writeBigInt64LE(0n, 4); // cursorID
    pre.writeInt32LE(0, 12);
    pre.writeInt32LE(1, 16);
    return Buffer.concat([header(16 + 20 + body.length, req.requestId, OP.REPLY), pre, body]);
  }
  const pre = Buffer.from([0, 0, 0, 0, 0]); // flagBits 0, section kind 0
  return Buffer.concat([header(16 + 5 + body.length, req.requestId, OP.MSG), pre, body]);
}
