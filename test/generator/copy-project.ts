/**
 * A working copy of the project in a temporary folder, for tests that change
 * source files (the resource generator): the tracked and untracked files as
 * they are, and a node_modules of links to this checkout's packages, with the
 * workspace packages linked to the copy's own.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../packages/server/src/project-root';

export interface ProjectCopy {
  root: string;
  remove(): Promise<void>;
}

export async function copyProject(): Promise<ProjectCopy> {
  const root = await mkdtemp(join(tmpdir(), 'nocturnal-copy-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await cp(join(PROJECT_ROOT, file), join(root, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree, still in the index
    });
  }
  const modules = join(root, 'node_modules');
  await mkdir(join(modules, '@nocturnal'), { recursive: true });
  for (const entry of await readdir(join(PROJECT_ROOT, 'node_modules'))) {
    if (entry === '@nocturnal' || entry === '.vite' || entry === '.vite-temp') continue;
    await symlink(join(PROJECT_ROOT, 'node_modules', entry), join(modules, entry));
  }
  for (const pkg of await readdir(join(root, 'packages'))) {
    await symlink(join(root, 'packages', pkg), join(modules, '@nocturnal', pkg));
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
