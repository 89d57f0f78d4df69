import { describe, expect, it } from 'vitest';
import { routes } from '@nocturnal/functions/routes';
import { splitHandler } from '@nocturnal/functions/route-types';
import { bundleEntrySource } from './bundle-entry';

describe('bundleEntrySource', () => {
  it('imports the handler module of every row of the route table, with a literal path esbuild can follow', () => {
    const source = bundleEntrySource(routes);

    for (const route of routes) {
      const { file, exportName } = splitHandler(route.handler);
      expect(source).toContain(`"${route.id}": () => import("./${file}").then((m) => m["${exportName}"])`);
    }
    expect(source).toContain("import { runContainer } from './packages/server/src/container/run';");
  });
});
