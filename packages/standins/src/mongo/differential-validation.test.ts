/**
 * Differential checks for collection validators. Each expectation comes from the MongoDB
 * documentation page cited beside it, not from the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Double, Int32, type Document } from 'mongodb';
import { startHarness, type Harness } from './testing';

/** Documents with any `_id`, as the pages' examples use. */
type Loose = { _id?: any; [k: string]: any };

let h: Harness;
let n = 0;
const name = (): string => `v${++n}`;
const codeOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'no error', (e) => e.code);

beforeAll(async () => {
  h = await startHarness('differential-validation');
});
afterAll(async () => {
  await h.close();
});

// https://www.mongodb.com/docs/manual/core/schema-validation/specify-json-schema/ ("students")
const students = {
  $jsonSchema: {
    bsonType: 'object',
    title: 'Student Object Validation',
    required: ['address', 'major', 'name', 'year'],
    properties: {
      name: { bsonType: 'string', description: "'name' must be a string and is required" },
      year: { bsonType: 'int', minimum: 2017, maximum: 3017, description: "'year' must be an integer in [ 2017, 3017 ] and is required" },
      gpa: { bsonType: ['double'], description: "'gpa' must be a double if the field exists" },
    },
  },
};

describe('$jsonSchema validators (docs: specify-json-schema)', () => {
  it('refuses the page\'s invalid student with code 121 and its errInfo', async () => {
    const c = await h.db.createCollection<Loose>(name(), { validator: students });
    const err = await c
      .insertOne({ name: 'Alice', year: new Int32(2019), major: 'History', gpa: new Int32(3), address: { city: 'NYC', street: '33rd Street' } })
      .catch((e) => e);
    expect(err.code).toBe(121);
    expect(err.errInfo).toEqual({
      failingDocumentId: expect.anything(),
      details: {
        operatorName: '$jsonSchema',
        title: 'Student Object Validation',
        schemaRulesNotSatisfied: [
          {
            operatorName: 'properties',
            propertiesNotSatisfied: [
              {
                propertyName: 'gpa',
                description: "'gpa' must be a double if the field exists",
                details: [{ operatorName: 'bsonType', specifiedAs: { bsonType: ['double'] }, reason: 'type did not match', consideredValue: 3, consideredType: 'int' }],
              },
            ],
          },
        ],
      },
    });
    expect(await c.countDocuments()).toBe(0);
  });

  it('accepts the page\'s valid student; reports missing required fields', async () => {
    const c = await h.db.createCollection<Loose>(name(), { validator: students });
    await c.insertOne({ name: 'Alice', year: new Int32(2019), major: 'History', gpa: new Double(3.5), address: { city: 'NYC', street: '33rd Street' } });
    const err = await c.insertOne({ name: 'Bob', year: 2020 }).catch((e) => e);
    expect(err.code).toBe(121);
    expect(err.errInfo.details.schemaRulesNotSatisfied).toEqual([
      { operatorName: 'required', specifiedAs: { required: ['address', 'major', 'name', 'year'] }, missingProperties: ['address', 'major'] },
    ]);
  });

  it('applies to updates, replacements, upserts and findOneAndUpdate', async () => {
    const c = await h.db.createCollection<Loose>(name(), { validator: { $jsonSchema: { required: ['name'], properties: { name: { bsonType: 'string' } } } } });
    await c.insertOne({ _id: 1, name: 'a' } as Document);
    expect(await codeOf(c.updateOne({ _id: 1 }, { $unset: { name: '' } }))).toBe(121);
    expect(await codeOf(c.replaceOne({ _id: 1 }, { other: 1 }))).toBe(121);
    expect(await codeOf(c.updateOne({ _id: 2 }, { $set: { other: 1 } }, { upsert: true }))).toBe(121);
    expect(await codeOf(c.findOneAndUpdate({ _id: 1 }, { $set: { name: 5 } }))).toBe(121);
    expect(await c.find().toArray()).toEqual([{ _id: 1, name: 'a' }]);
  });
});

describe('validation level and action', () => {
  // https://www.mongodb.com/docs/manual/core/schema-validation/specify-validation-level/ ("contacts", moderate)
  it('moderate checks updates of valid documents only', async () => {
    const coll = name();
    const c = await h.db.createCollection<Loose>(coll);
    await c.insertMany([
      { _id: 1, name: 'Anne', phone: '+1 555 123 456', city: 'London', status: 'Complete' },
      { _id: 2, name: 'Ivan', city: 'Vancouver' },
    ] as Document[]);
    const validator = {
      $jsonSchema: {
        bsonType: 'object',
        required: ['phone', 'name'],
        properties: {
          phone: { bsonType: 'string', description: 'phone must be a string and is required' },
          name: { bsonType: 'string', description: 'name must be a string and is required' },
        },
      },
    };
    await h.db.command({ collMod: coll, validator, validationLevel: 'moderate' });
    expect(await codeOf(c.updateOne({ _id: 1 }, { $set: { name: 10 } }))).toBe(121);
    expect(await codeOf(c.updateOne({ _id: 2 }, { $set: { name: 20 } }))).toBe('no error');
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, name: 20, city: 'Vancouver' });
    const [info] = await h.db.listCollections({ name: coll }).toArray();
    expect((info as Document).options).toMatchObject({ validator, validationLevel: 'moderate' });
  });

  // https://www.mongodb.com/docs/manual/core/schema-validation/handle-invalid-documents/ ("warn" lets the write through)
  it('warn lets an invalid document in; off disables validation', async () => {
    const phone = { $jsonSchema: { bsonType: 'object', properties: { phone: { bsonType: 'string', description: 'must be a string' } } } };
    const warn = await h.db.createCollection<Loose>(name(), { validator: phone, validationAction: 'warn' });
    expect(await codeOf(warn.insertOne({ name: 'Amanda', email: 'amanda@xyz.com', phone: 1234567890 }))).toBe('no error');
    const strict = await h.db.createCollection<Loose>(name(), { validator: phone });
    expect(await codeOf(strict.insertOne({ name: 'Amanda', phone: 1234567890 }))).toBe(121);
    await h.db.command({ collMod: strict.collectionName, validationLevel: 'off' });
    expect(await codeOf(strict.insertOne({ name: 'Amanda', phone: 1234567890 }))).toBe('no error');
  });

  // https://www.mongodb.com/docs/manual/core/schema-validation/bypass-document-validation/
  it('bypassDocumentValidation skips the validator', async () => {
    const c = await h.db.createCollection<Loose>(name(), { validator: { $jsonSchema: { required: ['a'] } } });
    expect(await codeOf(c.insertOne({ b: 1 }, { bypassDocumentValidation: true }))).toBe('no error');
  });

  it('refuses unknown levels and actions (2) and unknown $jsonSchema keywords (9)', async () => {
    expect(await codeOf(h.db.createCollection<Loose>(name(), { validator: { a: 1 }, validationLevel: 'lax' as never }))).toBe(2);
    expect(await codeOf(h.db.createCollection<Loose>(name(), { validator: { a: 1 }, validationAction: 'shout' as never }))).toBe(2);
    expect(await codeOf(h.db.createCollection<Loose>(name(), { validator: { $jsonSchema: { bsonTyp: 'object' } } }))).toBe(9);
  });
});

describe('query-operator validators (docs: specify-query-expression-rules)', () => {
  // https://www.mongodb.com/docs/manual/core/schema-validation/specify-query-expression-rules/ ("orders", $expr)
  it('$expr validators refuse a wrong total and accept the right one', async () => {
    const validator = { $expr: { $eq: ['$totalWithVAT', { $multiply: ['$total', { $sum: [1, '$VAT'] }] }] } };
    const c = await h.db.createCollection<Loose>(name(), { validator });
    const err = await c.insertOne({ total: 141, VAT: 0.2, totalWithVAT: 169 }).catch((e) => e);
    expect(err.code).toBe(121);
    expect(err.errInfo.failingDocumentId).toBeDefined();
    expect(await codeOf(c.insertOne({ total: 141, VAT: 0.2, totalWithVAT: 169.2 }))).toBe('no error');
  });

  it('$jsonSchema also works as a find operator', async () => {
    const c = h.db.collection<Loose>(name());
    await c.insertMany([{ _id: 1, a: 'x' }, { _id: 2, a: 1 }] as Document[]);
    expect(await c.find({ $jsonSchema: { properties: { a: { bsonType: 'string' } } } }).toArray()).toEqual([{ _id: 1, a: 'x' }]);
  });
});
