/**
 * Mapped stack traces without paying for them at every cold start. Node's
 * `--enable-source-maps` reads and parses the bundle's source map when the
 * bundle loads; `process.setSourceMapsEnabled(true)` later maps only modules
 * loaded after it (not the bundle that calls it). So a bundle that runs
 * without the flag maps its own frames here, lazily: the map is read and
 * parsed the first time a stack trace is formatted (an error is logged or
 * thrown out of the handler), once per process.
 *
 * Installed only where it is needed: a bundle (`<file>.mjs` with
 * `<file>.mjs.map` beside it) running without Node's own source-map support.
 * Under tsx or vitest (no map beside the module) and with `--enable-source-maps`
 * (the container image) it does nothing.
 *
 * @example
 * installLazySourceMaps(import.meta.url); // at the top of the bundle's graph
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

export function installLazySourceMaps(moduleUrl: string): boolean {
  if (process.sourceMapsEnabled || !moduleUrl.startsWith('file:')) return false;
  const mapFile = `${fileURLToPath(moduleUrl)}.map`;
  if (!existsSync(mapFile)) return false;
  let map: SourceMap | null | undefined;
  const loadMap = () => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
      } catch {
        map = null;
      }
    }
    return map;
  };
  // Node 24 installs its own formatter (ErrorPrepareStackTrace); anyone else's is respected.
  const previous = Error.prepareStackTrace;
  const custom = previous && previous.name !== 'ErrorPrepareStackTrace' ? previous : undefined;
  Error.prepareStackTrace = (error, frames) => {
    if (custom) return custom(error, frames);
    return `${header(error)}${frames.map((frame) => `\n    at ${mapFrame(frame, moduleUrl, loadMap)}`).join('')}`;
  };
  return true;
}

function header(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}

function mapFrame(frame: NodeJS.CallSite, moduleUrl: string, loadMap: () => SourceMap | null): string {
  const text = String(frame);
  const file = frame.getFileName();
  if (file !== moduleUrl) return text;
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  const map = line && column ? loadMap() : null;
  if (!map || !line || !column) return text;
  const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return text;
  const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : fileURLToPath(new URL(entry.originalSource, moduleUrl));
  return text.replace(`${file}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
}
