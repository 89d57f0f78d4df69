import type { Document } from 'bson';

/** A plain object (a BSON document), not an array, Date or BSON value class. */
export const isPlain = (v: unknown): v is Document =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
