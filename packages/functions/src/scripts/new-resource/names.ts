/** The spellings of one resource name, from its plural kebab-case form (`notes`, `todo-items`). */
export interface Names {
  /** `todo-items`: folders, files, paths, route ids. */
  kebab: string;
  /** `todoItems`: variables. */
  camel: string;
  /** `TodoItem`: types. */
  Singular: string;
  /** `todoItem`. */
  singular: string;
  /** `TodoItems`. */
  Plural: string;
  /** `TODO_ITEM`: the error code's stem. */
  UPPER: string;
  /** `todo_items`: the collection. */
  snake: string;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Areas and folder names a resource may not take. */
export const RESERVED = ['auth', 'users', 'admin', 'files', 'health', 'system', 'jobs', 'docs', 'openapi', 'clients', 'middleware', 'routes', 'scripts', 'access', 'db', 'storage', 'ratelimit', 'pagination'];

/**
 * @example
 * namesOf('todo-items'); // { kebab: 'todo-items', camel: 'todoItems', Singular: 'TodoItem', UPPER: 'TODO_ITEM', … }
 */
export function namesOf(plural: string, singularKebab = plural.replace(/s$/, '')): Names {
  if (!KEBAB.test(plural) || !plural.endsWith('s') || singularKebab === plural || !KEBAB.test(singularKebab)) {
    throw new Error(`"${plural}": give a plural kebab-case name such as notes or todo-items (or --singular)`);
  }
  const words = (s: string) => s.split('-');
  const pascal = (s: string) => words(s).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  const camel = (s: string) => pascal(s)[0]!.toLowerCase() + pascal(s).slice(1);
  return {
    kebab: plural,
    camel: camel(plural),
    Singular: pascal(singularKebab),
    singular: camel(singularKebab),
    Plural: pascal(plural),
    UPPER: words(singularKebab).join('_').toUpperCase(),
    snake: words(plural).join('_'),
  };
}
