import { calculateObjectSize, Long, type Document } from 'bson';
import { CommandError } from './errors';

/** Replies stay under MongoDB's 16 MiB batch budget so they fit one BSON document. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const DEFAULT_FIRST_BATCH = 101;
/** MongoDB's default cursorTimeoutMillis. */
const IDLE_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  pos: number;
  lastUsed: number;
}

/** A `cursor` sub-document as find/aggregate/getMore/listX return it. */
export interface CursorReply {
  id: Long;
  ns: string;
  firstBatch?: Document[];
  nextBatch?: Document[];
}

/** Result sets materialised at open time and served in batches by id (ids are BSON int64). */
export class Cursors {
  private readonly open = new Map<string, OpenCursor>();
  private nextId = 1 + Math.floor(Math.random() * 1e9);

  /** First batch of `docs`; keeps a cursor only if more remain and `singleBatch` is not set. */
  first(ns: string, docs: Document[], batchSize?: number, singleBatch = false): CursorReply {
    const c: OpenCursor = { ns, docs, pos: 0, lastUsed: Date.now() };
    const batch = take(c, batchSize || DEFAULT_FIRST_BATCH);
    if (singleBatch || c.pos >= docs.length) return { id: Long.ZERO, ns, firstBatch: batch };
    const id = Long.fromNumber(this.nextId++);
    this.open.set(id.toString(), c);
    return { id, ns, firstBatch: batch };
  }

  more(id: unknown, ns: string, batchSize?: number): CursorReply {
    const key = String(id);
    const c = this.open.get(key);
    if (!c || c.ns !== ns) throw new CommandError('CursorNotFound', `cursor id ${key} not found`);
    c.lastUsed = Date.now();
    const batch = take(c, batchSize || Infinity);
    if (c.pos >= c.docs.length) {
      this.open.delete(key);
      return { id: Long.ZERO, ns, nextBatch: batch };
    }
    return { id: Long.fromString(key), ns, nextBatch: batch };
  }

  kill(ids: unknown[]): { cursorsKilled: Long[]; cursorsNotFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const key = String(id);
      (this.open.delete(key) ? killed : notFound).push(Long.fromString(key));
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound };
  }

  /** Drops cursors idle for longer than MongoDB's default timeout. */
  sweep(now: number): void {
    for (const [id, c] of this.open) if (now - c.lastUsed > IDLE_MS) this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }
}

function take(c: OpenCursor, limit: number): Document[] {
  const batch: Document[] = [];
  let bytes = 0;
  while (c.pos < c.docs.length && batch.length < limit) {
    const doc = c.docs[c.pos]!;
    bytes += calculateObjectSize(doc, { ignoreUndefined: true });
    if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
    batch.push(doc);
    c.pos++;
  }
  return batch;
}
