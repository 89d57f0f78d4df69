import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentFiles } from './generate';

const root = new URL('../../../../', import.meta.url);

describe('the generated files (npm run openapi)', () => {
  it('are current: the committed document and types are what the route table and the schemas give now', async () => {
    const files = await documentFiles();
    for (const [path, text] of Object.entries(files)) {
      const committed = readFileSync(new URL(path, root), 'utf8');
      expect(committed === text, `${path} is stale: run npm run openapi`).toBe(true);
    }
  });
});
