import { SingleBar } from 'cli-progress';
import { formatBytes } from './report';

/** `bar` on a terminal, `lines` otherwise (CI logs, pipes), or `none`. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

/** What the run tells the progress display. */
export interface Progress {
  /** `totalBytes` when the sizes are known up front (files). */
  start(total: number, totalBytes?: number): void;
  /** One item finished, whatever its outcome, with the bytes it moved. */
  advance(bytes?: number): void;
  stop(): void;
}

export interface ProgressOptions {
  mode: ProgressMode;
  /** Where progress goes: stderr, so stdout holds only the report. */
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** `users` or `files`. */
  label: string;
  /** Lines mode: one line this often (and one at the end). Default 5 s. */
  intervalMs?: number;
  now?: () => number;
}

interface State {
  label: string;
  done: number;
  total: number;
  bytes: number;
  totalBytes: number | undefined;
  startedAt: number;
}

/**
 * A progress display: a `cli-progress` bar with count, bytes, rate and ETA on
 * a TTY; plain periodic lines (the same figures) anywhere else.
 *
 * @example
 * const progress = createProgress({ mode: 'auto', stream: process.stderr, label: 'files' });
 * progress.start(files.length, totalBytes);
 * progress.advance(file.size);
 * progress.stop();
 */
export function createProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? Date.now;
  const mode = opts.mode === 'auto' ? (opts.stream.isTTY ? 'bar' : 'lines') : opts.mode;
  const state: State = { label: opts.label, done: 0, total: 0, bytes: 0, totalBytes: undefined, startedAt: now() };
  if (mode === 'none') return { start: () => {}, advance: () => {}, stop: () => {} };
  if (mode === 'lines') return linesProgress(opts, state, now);
  return barProgress(opts, state, now);
}

function linesProgress(opts: ProgressOptions, state: State, now: () => number): Progress {
  let timer: NodeJS.Timeout | undefined;
  const print = () => opts.stream.write(`${formatProgressLine(state, now())}\n`);
  return {
    start(total, totalBytes) {
      Object.assign(state, { total, totalBytes, startedAt: now() });
      print();
      timer = setInterval(print, opts.intervalMs ?? 5_000);
      // A progress line is never a reason to keep the process alive.
      timer.unref();
    },
    advance(bytes = 0) {
      state.done += 1;
      state.bytes += bytes;
    },
    stop() {
      clearInterval(timer);
      print();
    },
  };
}

function barProgress(opts: ProgressOptions, state: State, now: () => number): Progress {
  const bar = new SingleBar({
    stream: opts.stream,
    format: `${opts.label} [{bar}] {percentage}% | {value}/{total} | {figures} | ETA {eta_formatted}`,
    barsize: 30,
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
  });
  const payload = () => ({ figures: figuresOf(state, now()) });
  return {
    start(total, totalBytes) {
      Object.assign(state, { total, totalBytes, startedAt: now() });
      bar.start(total, 0, payload());
    },
    advance(bytes = 0) {
      state.done += 1;
      state.bytes += bytes;
      bar.update(state.done, payload());
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * One plain progress line.
 *
 * @example
 * formatProgressLine(state, Date.now());
 * // "files: 40/200 (20%), 1.5 MiB of 7.8 MiB, 12.3/s, 512.0 KiB/s, ETA 13 s"
 */
export function formatProgressLine(s: State, at: number): string {
  const percent = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 100;
  const seconds = Math.max((at - s.startedAt) / 1000, 0.001);
  const perSecond = s.done / seconds;
  const left = s.total - s.done;
  const eta = s.done > 0 && left > 0 ? `, ETA ${Math.ceil(left / perSecond)} s` : '';
  return `${s.label}: ${s.done}/${s.total} (${percent}%), ${figuresOf(s, at)}${eta}`;
}

/** Bytes (when sizes are known) and rates. */
function figuresOf(s: State, at: number): string {
  const rate = rateOf(s, at);
  return s.totalBytes === undefined ? rate : `${formatBytes(s.bytes)} of ${formatBytes(s.totalBytes)}, ${rate}`;
}

function rateOf(s: State, at: number): string {
  const seconds = Math.max((at - s.startedAt) / 1000, 0.001);
  const items = `${(s.done / seconds).toFixed(1)}/s`;
  return s.totalBytes === undefined ? items : `${items}, ${formatBytes(Math.round(s.bytes / seconds))}/s`;
}
