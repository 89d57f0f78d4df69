import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../errors';
import { readManifest, walkFolder, type Listed } from './manifest';

let dir: string;
let folder: string;
const put = (path: string, text = 'hello') => {
  mkdirSync(join(folder, path, '..'), { recursive: true });
  writeFileSync(join(folder, path), text);
};
const manifest = (lines: unknown[]) => {
  const path = join(dir, 'manifest.jsonl');
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  return path;
};
const summary = (listed: Listed[]) => listed.map((l) => (l.ok ? ['ok', l.item.ref, l.item.ownerEmail] : [l.skip ? 'skip' : 'fail', l.problem.ref, l.problem.code]));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  folder = join(dir, 'uploads');
  mkdirSync(folder);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('walkFolder', () => {
  it('takes the first segment as the owner, the file name as the name and the modification time as the date', async () => {
    put('ada@x.io/2019/cat.png', 'png!');
    put('Bob@X.io/notes.txt');
    utimesSync(join(folder, 'ada@x.io/2019/cat.png'), new Date('2019-03-04T05:06:07Z'), new Date('2019-03-04T05:06:07Z'));

    const listed = await walkFolder(folder);

    expect(summary(listed)).toEqual([
      ['ok', 'Bob@X.io/notes.txt', 'Bob@X.io'],
      ['ok', 'ada@x.io/2019/cat.png', 'ada@x.io'],
    ]);
    expect(listed[1]).toMatchObject({ item: { filename: 'cat.png', size: 4, contentType: undefined, createdAt: new Date('2019-03-04T05:06:07Z') } });
  });

  it('skips hidden files and links, fails files without an owner folder, and leaves out what it is told to', async () => {
    put('ada@x.io/.DS_Store');
    put('stray.txt');
    put('ada@x.io/import.checkpoint.jsonl');
    symlinkSync('/etc/hostname', join(folder, 'ada@x.io', 'link'));

    const listed = await walkFolder(folder, [join(folder, 'ada@x.io/import.checkpoint.jsonl')]);

    expect(summary(listed)).toEqual([
      ['skip', 'ada@x.io/.DS_Store', 'HIDDEN_FILE'],
      ['skip', 'ada@x.io/link', 'SYMBOLIC_LINK'],
      ['fail', 'stray.txt', 'OWNER_NOT_FOUND'],
    ]);
  });

  it('refuses a folder that is not there', async () => {
    await expect(walkFolder(join(dir, 'nope'))).rejects.toBeInstanceOf(ImportError);
  });
});

describe('readManifest', () => {
  it('lists each line with its metadata, relative to the folder', async () => {
    put('a/1.bin');
    const path = manifest([{ path: 'a/1.bin', ownerEmail: 'ada@x.io', filename: 'Cat.png', contentType: 'image/png', createdAt: '2018-01-01T00:00:00Z' }]);

    const [listed] = await readManifest(folder, path);

    expect(listed).toEqual({
      ok: true,
      item: { ref: 'a/1.bin', absolutePath: join(folder, 'a/1.bin'), ownerEmail: 'ada@x.io', filename: 'Cat.png', contentType: 'image/png', createdAt: new Date('2018-01-01T00:00:00Z'), size: 5 },
    });
  });

  it('reports each bad line and never leaves the folder', async () => {
    put('a/1.bin');
    writeFileSync(join(dir, 'secret'), 'x');
    symlinkSync(join(dir, 'secret'), join(folder, 'escape'));
    const path = manifest([
      'not json',
      { ownerEmail: 'ada@x.io' },
      { path: 'a/1.bin' },
      { path: '../secret', ownerEmail: 'ada@x.io' },
      { path: '/etc/passwd', ownerEmail: 'ada@x.io' },
      { path: 'escape', ownerEmail: 'ada@x.io' },
      { path: 'a/missing', ownerEmail: 'ada@x.io' },
      { path: 'a', ownerEmail: 'ada@x.io' },
      { path: 'a/1.bin', ownerEmail: 'ada@x.io', createdAt: 'soon' },
      { path: 'a/1.bin', ownerEmail: 'ada@x.io', filename: 7 },
      '',
      { path: './a/1.bin', ownerEmail: 'ada@x.io' },
      { path: 'a/1.bin', ownerEmail: 'ada@x.io' },
    ]);

    expect(summary(await readManifest(folder, path))).toEqual([
      ['fail', 'line 1', 'INVALID_JSON'],
      ['fail', 'line 2', 'INVALID_MANIFEST_LINE'],
      ['fail', 'a/1.bin', 'INVALID_MANIFEST_LINE'],
      ['fail', '../secret', 'PATH_OUTSIDE_FOLDER'],
      ['fail', '/etc/passwd', 'PATH_OUTSIDE_FOLDER'],
      ['fail', 'escape', 'PATH_OUTSIDE_FOLDER'],
      ['fail', 'a/missing', 'SOURCE_MISSING'],
      ['fail', 'a', 'SOURCE_MISSING'],
      ['fail', 'a/1.bin', 'INVALID_CREATED_AT'],
      ['fail', 'a/1.bin', 'INVALID_MANIFEST_LINE'],
      ['ok', 'a/1.bin', 'ada@x.io'],
      ['skip', 'a/1.bin', 'DUPLICATE_IN_INPUT'],
    ]);
  });
});
