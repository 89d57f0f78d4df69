/**
 * The stored form of an email: trimmed and lower-cased, so `A@X.io` and
 * ` a@x.io` are one account (the unique index is on this form).
 *
 * @example
 * normaliseEmail('  Ada@Example.COM '); // "ada@example.com"
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
