/** The roles a user can hold, lowest first: a role includes every role before it. */
export const ROLES = ['user', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/**
 * Whether `actual` grants what `required` asks for (admin ≥ user).
 *
 * @example
 * hasRole('admin', 'user'); // true
 * hasRole('user', 'admin'); // false
 */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
