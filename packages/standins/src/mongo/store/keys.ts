import { EJSON, ObjectId, serialize, type Document } from 'bson';
import { isPlain } from '../query';

/**
 * Canonical hash-map key for a tuple of values: their BSON bytes. Numbers compare by value
 * (int32/int64/double all arrive as JS numbers), as MongoDB's index keys do.
 */
export function keyOf(values: unknown[]): string {
  return Buffer.from(serialize({ k: values.map((v) => v ?? null) })).toString('latin1');
}

/** Values at a dotted path, descending into arrays (multikey): `a.b` over `{a: [{b: 1}, {b: 2}]}` → [1, 2]. */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, parts: string[], i: number): void => {
    if (i === parts.length) {
      if (Array.isArray(v)) out.push(...(v.length ? v : [undefined]));
      else out.push(v);
    } else if (Array.isArray(v)) {
      for (const el of v) walk(el, parts, i);
    } else if (isPlain(v)) {
      walk(v[parts[i]!], parts, i + 1);
    } else {
      out.push(undefined);
    }
  };
  walk(doc, path.split('.'), 0);
  return out;
}

/** True for a filter value that is a plain equality usable for a hash lookup. */
export function equalityValue(v: unknown): { value: unknown } | undefined {
  if (v === undefined || v === null || v instanceof RegExp || Array.isArray(v)) return undefined;
  if (isPlain(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$eq') return equalityValue(v.$eq);
    if (keys.some((k) => k.startsWith('$'))) return undefined;
  }
  return { value: v };
}

function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (isPlain(v)) return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ')} }`;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  return EJSON.stringify(v as Document, { relaxed: true });
}

/** The `dup key: { … }` part of an E11000 message, in the server's shell-like notation. */
export function formatKey(keyValue: Document): string {
  return formatValue(keyValue);
}
