#!/usr/bin/env node
// The importer is TypeScript run from source, as `npm start` is: tsx loads it.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
