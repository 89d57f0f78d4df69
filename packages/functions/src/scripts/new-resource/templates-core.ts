/**
 * The core files of a generated resource: types and port, the Mongo adapter,
 * the use cases, and their tests. Written for `notes`; `render()` renames.
 */
export const CORE_TYPES = `import type { NewestFirstPosition } from '../pagination/keyset';

/** A __singular__ as stored: owned by one user. */
export interface __Singular__Record {
  id: string;
  ownerId: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What the API shows of a __singular__. */
export interface Public__Singular__ {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** The __singular__ storage port. Adapters: \`__kebab__.mongo.ts\`. */
export interface __Singular__Repository {
  newId(): string;
  isId(id: string): boolean;
  insert(record: __Singular__Record): Promise<void>;
  findById(id: string): Promise<__Singular__Record | null>;
  /** Newest first, after \`after\`. */
  listByOwner(opts: { ownerId: string; limit: number; after?: NewestFirstPosition }): Promise<__Singular__Record[]>;
  delete(id: string): Promise<boolean>;
  deleteByOwner(ownerId: string): Promise<number>;
}

export function toPublic__Singular__(record: __Singular__Record): Public__Singular__ {
  const { id, title, body } = record;
  return { id, title, body, createdAt: record.createdAt.toISOString(), updatedAt: record.updatedAt.toISOString() };
}
`;

export const CORE_MONGO = `import { ObjectId, type Collection, type Db, type Filter } from 'mongodb';
import { isObjectId, toObjectId } from '../db/object-id';
import { olderThan } from '../pagination/keyset';
import type { __Singular__Record, __Singular__Repository } from './types';

type __Singular__Doc = Omit<__Singular__Record, 'id'> & { _id: ObjectId };

export interface Mongo__Singular__Repository extends __Singular__Repository {
  /** Creates the listing index; idempotent, run once per process. */
  ensureIndexes(): Promise<void>;
}

/**
 * The __singular__ port on MongoDB: collection \`__snake__\`, \`_id\` an ObjectId.
 *
 * @example
 * const __camel__ = mongo__Singular__Repository(db);
 * await __camel__.ensureIndexes();
 */
export function mongo__Singular__Repository(db: Db, collectionName = '__snake__'): Mongo__Singular__Repository {
  const docs: Collection<__Singular__Doc> = db.collection<__Singular__Doc>(collectionName);
  return {
    async ensureIndexes() {
      await docs.createIndex({ ownerId: 1, createdAt: -1, _id: -1 }, { name: 'owner_newest' });
    },
    newId: () => new ObjectId().toHexString(),
    isId: isObjectId,
    async insert({ id, ...rest }) {
      await docs.insertOne({ _id: new ObjectId(id), ...rest });
    },
    async findById(id) {
      const _id = toObjectId(id);
      const doc = _id ? await docs.findOne({ _id }) : null;
      return doc ? fromDoc(doc) : null;
    },
    async listByOwner({ ownerId, limit, after }) {
      const filter: Filter<__Singular__Doc> = { ownerId, ...(after ? (olderThan(after) as Filter<__Singular__Doc>) : {}) };
      return (await docs.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray()).map(fromDoc);
    },
    async delete(id) {
      const _id = toObjectId(id);
      return _id ? (await docs.deleteOne({ _id })).deletedCount === 1 : false;
    },
    async deleteByOwner(ownerId) {
      return (await docs.deleteMany({ ownerId })).deletedCount;
    },
  };
}

function fromDoc({ _id, ...rest }: __Singular__Doc): __Singular__Record {
  return { id: _id.toHexString(), ...rest };
}
`;

export const CORE_USE_CASES = `import { mayChange, mayRead, type Caller } from '../access/caller';
import { nowOf, type Clock } from '../clock';
import { AppError } from '../errors';
import { decodePositionCursor, pageOf } from '../pagination/keyset';
import { toPublic__Singular__, type Public__Singular__, type __Singular__Repository } from './types';

/** What the __singular__ use cases need, built once per process at the composition root. */
export interface __Plural__Context {
  __camel__: __Singular__Repository;
  now?: Clock;
}

/** The one answer for a __singular__ the caller may not see: existence is never revealed. */
const notFound = () => new AppError('__UPPER___NOT_FOUND', 'No such __singular__');

/**
 * Creates a __singular__ owned by the caller.
 *
 * @example
 * const __singular__ = await create__Singular__(ctx, caller, { title: 'Groceries', body: 'milk' });
 */
export async function create__Singular__(ctx: __Plural__Context, caller: Caller, input: { title: string; body?: string }): Promise<Public__Singular__> {
  const now = nowOf(ctx);
  const record = { id: ctx.__camel__.newId(), ownerId: caller.userId, title: input.title, body: input.body ?? '', createdAt: now, updatedAt: now };
  await ctx.__camel__.insert(record);
  return toPublic__Singular__(record);
}

/**
 * The caller's __kebab__, newest first, \`limit\` at a time (keyset pagination).
 *
 * @example
 * let page = await list__Plural__(ctx, caller, { limit: 20 });
 * while (page.nextCursor) page = await list__Plural__(ctx, caller, { limit: 20, cursor: page.nextCursor });
 */
export async function list__Plural__(ctx: __Plural__Context, caller: Caller, opts: { limit: number; cursor?: string }) {
  const after = opts.cursor === undefined ? undefined : decodePositionCursor(opts.cursor, (id) => ctx.__camel__.isId(id));
  const found = await ctx.__camel__.listByOwner({ ownerId: caller.userId, limit: opts.limit + 1, ...(after ? { after } : {}) });
  return pageOf(found, opts.limit, toPublic__Singular__);
}

/** The caller's own __singular__ (an admin may read any); \`__UPPER___NOT_FOUND\` otherwise. */
export async function get__Singular__(ctx: __Plural__Context, caller: Caller, id: string): Promise<Public__Singular__> {
  const record = await ctx.__camel__.findById(id);
  if (!record || !mayRead(caller, record.ownerId)) throw notFound();
  return toPublic__Singular__(record);
}

/** Deletes the caller's own __singular__; \`__UPPER___NOT_FOUND\` otherwise. */
export async function delete__Singular__(ctx: __Plural__Context, caller: Caller, id: string): Promise<void> {
  const record = await ctx.__camel__.findById(id);
  if (!record || !mayChange(caller, record.ownerId)) throw notFound();
  await ctx.__camel__.delete(id);
}

/** Account deletion: every __singular__ of the user (idempotent). */
export async function deleteUser__Plural__(ctx: __Plural__Context, userId: string): Promise<void> {
  await ctx.__camel__.deleteByOwner(userId);
}
`;

export const CORE_TEST = `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@nocturnal/standins/mongo/testing';
import { codeOf, newCaller } from '../testing';
import { mongo__Singular__Repository } from './__kebab__.mongo';
import { create__Singular__, delete__Singular__, deleteUser__Plural__, get__Singular__, list__Plural__, type __Plural__Context } from './use-cases';

let harness: Harness;
let ctx: __Plural__Context;
let t = Date.parse('2030-01-01T00:00:00Z');
beforeAll(async () => {
  harness = await startHarness('__snake___use_cases');
  const __camel__ = mongo__Singular__Repository(harness.db);
  await __camel__.ensureIndexes();
  ctx = { __camel__, now: () => (t += 1000) };
});
afterAll(() => harness?.close());

describe('__kebab__', () => {
  it('creates, reads, pages newest first and deletes the caller\\'s own', async () => {
    const caller = newCaller();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create__Singular__(ctx, caller, { title: \`t\${i}\` }));

    expect(await get__Singular__(ctx, caller, made[0]!.id)).toMatchObject({ title: 't0', body: '' });
    const first = await list__Plural__(ctx, caller, { limit: 3 });
    const second = await list__Plural__(ctx, caller, { limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((n) => n.title)).toEqual(['t4', 't3', 't2', 't1', 't0']);
    expect(second.nextCursor).toBeNull();
    await delete__Singular__(ctx, caller, made[0]!.id);
    expect(await codeOf(get__Singular__(ctx, caller, made[0]!.id))).toBe('__UPPER___NOT_FOUND');
  });

  it('hides another user\\'s __singular__ as an unknown one; an admin may read it but not delete it', async () => {
    const owner = newCaller();
    const { id } = await create__Singular__(ctx, owner, { title: 'mine' });

    expect(await codeOf(get__Singular__(ctx, newCaller(), id))).toBe('__UPPER___NOT_FOUND');
    expect(await codeOf(get__Singular__(ctx, newCaller(), id.toUpperCase()))).toBe('__UPPER___NOT_FOUND');
    expect(await codeOf(delete__Singular__(ctx, newCaller(), id))).toBe('__UPPER___NOT_FOUND');
    expect((await get__Singular__(ctx, newCaller('admin'), id)).title).toBe('mine');
    expect(await codeOf(delete__Singular__(ctx, newCaller('admin'), id))).toBe('__UPPER___NOT_FOUND');
    expect(await codeOf(list__Plural__(ctx, owner, { limit: 1, cursor: 'bm9wZQ' }))).toBe('INVALID_CURSOR');
  });

  it('account deletion erases every __singular__ of the user, and only theirs', async () => {
    const [a, b] = [newCaller(), newCaller()];
    await create__Singular__(ctx, a, { title: 'a' });
    await create__Singular__(ctx, b, { title: 'b' });

    await deleteUser__Plural__(ctx, a.userId);

    expect((await list__Plural__(ctx, a, { limit: 10 })).items).toEqual([]);
    expect((await list__Plural__(ctx, b, { limit: 10 })).items).toHaveLength(1);
  });
});
`;
