/**
 * The suite runs on the Node major the functions deploy on (`nodejs24.x`, the
 * image's `node:24-alpine`): the pinned `node` devDependency puts Node 24
 * first on the PATH of every npm script, whatever Node the machine has.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';

const DEPLOYED_MAJOR = '24';
const major = (version: string) => version.replace(/^v/, '').split('.')[0];

describe('runtime parity', () => {
  it('runs the suite on Node 24', () => {
    expect(major(process.versions.node)).toBe(DEPLOYED_MAJOR);
  });

  it('starts child processes on the same Node', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-p', 'process.versions.node']);
    expect(major(stdout.trim())).toBe(DEPLOYED_MAJOR);
  });

  it('pins the npm-packaged Node, the engines field and @types/node to that major', () => {
    const pkg = JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8'));
    expect(major(pkg.devDependencies.node)).toBe(DEPLOYED_MAJOR);
    expect(major(pkg.devDependencies['@types/node'])).toBe(DEPLOYED_MAJOR);
    expect(pkg.engines.node).toBe(`>=${DEPLOYED_MAJOR}`);
  });

  it('deploys the functions and builds the image on that major', () => {
    expect(readFileSync(`${PROJECT_ROOT}/stacks/defaults.ts`, 'utf8')).toContain(`runtime: 'nodejs${DEPLOYED_MAJOR}.x'`);
    expect(readFileSync(`${PROJECT_ROOT}/Dockerfile`, 'utf8')).toContain(`ARG NODE_IMAGE=node:${DEPLOYED_MAJOR}-alpine`);
  });
});
