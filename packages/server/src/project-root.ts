import { fileURLToPath } from 'node:url';

/** The project root: handler paths in the route table, `.data/` and `dist/` are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
