import { createReadStream } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { ImportError } from '../errors';
import type { ItemProblem } from '../report';

/** One file to import. */
export interface FileItem {
  /** Its path under the folder, with `/`: the item's identity in the checkpoint. */
  ref: string;
  absolutePath: string;
  ownerEmail: string;
  /** The original name (sanitised by core when stored). */
  filename: string;
  /** From the manifest; otherwise sniffed from the bytes. */
  contentType: string | undefined;
  /** From the manifest; otherwise the file's modification time. */
  createdAt: Date;
  size: number;
}

export type Listed = { ok: true; item: FileItem } | { ok: false; problem: ItemProblem; skip?: boolean };

/**
 * The files named by a manifest (JSON Lines: `{path, ownerEmail, filename?,
 * contentType?, createdAt?}`), each path relative to `folder` and inside it
 * (symbolic links included). A path named twice is imported once.
 *
 * @example
 * const listed = await readManifest('/srv/old-api/uploads', 'manifest.jsonl');
 */
export async function readManifest(folder: string, manifestPath: string): Promise<Listed[]> {
  const root = await realFolder(folder);
  const out: Listed[] = [];
  const seen = new Set<string>();
  let n = 0;
  let input;
  try {
    input = createInterface({ input: await openStream(manifestPath), crlfDelay: Infinity });
  } catch (error) {
    throw new ImportError('INPUT_UNREADABLE', `${manifestPath}: ${(error as Error).message}`);
  }
  for await (const line of input) {
    n += 1;
    if (!line.trim()) continue;
    const where = `line ${n}`;
    const fail = (code: string, reason: string, ref = where): Listed => ({ ok: false, problem: { ref, code, reason } });
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line);
    } catch {
      out.push(fail('INVALID_JSON', 'the line is not JSON'));
      continue;
    }
    if (typeof raw?.path !== 'string' || raw.path === '') {
      out.push(fail('INVALID_MANIFEST_LINE', 'path is missing'));
      continue;
    }
    if (typeof raw.ownerEmail !== 'string') {
      out.push(fail('INVALID_MANIFEST_LINE', 'ownerEmail is missing', raw.path));
      continue;
    }
    const optional = (k: string) => (raw[k] === undefined || raw[k] === null ? undefined : raw[k]);
    const [filename, contentType, createdAt] = [optional('filename'), optional('contentType'), optional('createdAt')];
    if ((filename !== undefined && typeof filename !== 'string') || (contentType !== undefined && typeof contentType !== 'string')) {
      out.push(fail('INVALID_MANIFEST_LINE', 'filename and contentType must be text', raw.path));
      continue;
    }
    const date = createdAt === undefined ? undefined : new Date(createdAt as string);
    if (date && (typeof createdAt === 'boolean' || !Number.isFinite(date.getTime()))) {
      out.push(fail('INVALID_CREATED_AT', 'createdAt must be an ISO 8601 date or epoch milliseconds', raw.path));
      continue;
    }
    const listed = await fileAt(root, raw.path, { ownerEmail: raw.ownerEmail, filename, contentType, createdAt: date });
    if (listed.ok && seen.has(listed.item.ref)) {
      out.push({ ok: false, skip: true, problem: { ref: listed.item.ref, code: 'DUPLICATE_IN_INPUT', reason: `${where} names a file already listed` } });
      continue;
    }
    if (listed.ok) seen.add(listed.item.ref);
    out.push(listed);
  }
  return out;
}

/**
 * Every regular file under `folder`, whose first path segment is taken as the
 * owner's email (`uploads/ada@example.com/2019/cat.png` → ada@example.com,
 * `cat.png`). Hidden files and symbolic links are skipped and reported;
 * `exclude` names files to leave out silently (the checkpoint, the report).
 *
 * @example
 * const listed = await walkFolder('/srv/old-api/uploads');
 */
export async function walkFolder(folder: string, exclude: readonly string[] = []): Promise<Listed[]> {
  const root = await realFolder(folder);
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const out: Listed[] = [];
  const visit = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const ref = toRef(root, path);
      if (excluded.has(path)) continue;
      if (entry.name.startsWith('.')) {
        out.push({ ok: false, skip: true, problem: { ref, code: 'HIDDEN_FILE', reason: 'hidden files are not imported' } });
      } else if (entry.isSymbolicLink()) {
        out.push({ ok: false, skip: true, problem: { ref, code: 'SYMBOLIC_LINK', reason: 'symbolic links are not followed; list the target in a manifest' } });
      } else if (entry.isDirectory()) {
        await visit(path);
      } else if (entry.isFile()) {
        const owner = ref.split('/');
        if (owner.length < 2) {
          out.push({ ok: false, problem: { ref, code: 'OWNER_NOT_FOUND', reason: 'without a manifest, files must sit under a folder named after their owner\'s email' } });
        } else out.push(await fileAt(root, ref, { ownerEmail: owner[0]! }));
      }
    }
  };
  await visit(root);
  return out;
}

async function fileAt(
  root: string,
  path: string,
  meta: { ownerEmail: string; filename?: string; contentType?: string; createdAt?: Date },
): Promise<Listed> {
  const absolute = resolve(root, path);
  const fail = (code: string, reason: string): Listed => ({ ok: false, problem: { ref: path, code, reason } });
  if (isAbsolute(path) || !inside(root, absolute)) return fail('PATH_OUTSIDE_FOLDER', 'paths must stay inside the folder');
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    return fail('SOURCE_MISSING', 'no such file');
  }
  if (!inside(root, real)) return fail('PATH_OUTSIDE_FOLDER', 'the path leads outside the folder');
  const info = await stat(real);
  if (!info.isFile()) return fail('SOURCE_MISSING', 'not a regular file');
  const ref = toRef(root, absolute);
  return {
    ok: true,
    item: {
      ref,
      absolutePath: real,
      ownerEmail: meta.ownerEmail,
      filename: meta.filename ?? basename(absolute),
      contentType: meta.contentType,
      createdAt: meta.createdAt ?? info.mtime,
      size: info.size,
    },
  };
}

async function realFolder(folder: string): Promise<string> {
  try {
    const real = await realpath(folder);
    if (!(await lstat(real)).isDirectory()) throw new Error('not a folder');
    return real;
  } catch (error) {
    throw new ImportError('INPUT_UNREADABLE', `${folder}: ${(error as Error).message}`);
  }
}

function openStream(path: string): Promise<NodeJS.ReadableStream> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  return new Promise((res, rej) => {
    stream.once('open', () => res(stream));
    stream.once('error', rej);
  });
}

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);
const toRef = (root: string, path: string) => relative(root, path).split(sep).join('/');
