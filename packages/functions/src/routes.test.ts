import { describe, expect, it } from 'vitest';
import { resourcesOf, routes } from './routes';

describe('the route table', () => {
  it('binds MongoDB to every route that needs a token: each request checks its account', () => {
    const missing = routes.filter((r) => r.auth && !resourcesOf(r).includes('mongo')).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it('has one row per method and path, and ids that are unique', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
  });
});
