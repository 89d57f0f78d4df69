import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, formatProgressLine } from './progress';

/** A stream that keeps what is written; `isTTY` as a terminal or a pipe would say. */
function captured(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        text += String(chunk);
        cb();
      },
    }),
    { isTTY, columns: 120 },
  );
  return { stream, text: () => text };
}

describe('progress', () => {
  it('prints plain lines with count, bytes, rate and ETA off a terminal', () => {
    let t = 0;
    const out = captured(false);
    const progress = createProgress({ mode: 'auto', stream: out.stream, label: 'files', now: () => t, intervalMs: 3_600_000 });

    progress.start(4, 4096);
    t = 2_000;
    progress.advance(1024);
    progress.advance(1024);
    progress.stop();

    expect(out.text().split('\n')).toEqual([
      'files: 0/4 (0%), 0 B of 4.0 KiB, 0.0/s, 0 B/s',
      'files: 2/4 (50%), 2.0 KiB of 4.0 KiB, 1.0/s, 1.0 KiB/s, ETA 2 s',
      '',
    ]);
    expect(out.text()).not.toContain('\x1b');
  });

  it('draws a bar on a terminal', () => {
    const out = captured(true);
    const progress = createProgress({ mode: 'auto', stream: out.stream, label: 'users' });

    progress.start(10);
    for (let i = 0; i < 3; i++) progress.advance();
    progress.stop();

    expect(out.text()).toContain('\x1b[?25l');
    expect(out.text()).toMatch(/users \[={9}-{21}\] 30% \| 3\/10 \| [\d.]+\/s \| ETA \d/);
  });

  it('shows nothing with mode none', () => {
    const out = captured(true);
    const progress = createProgress({ mode: 'none', stream: out.stream, label: 'users' });

    progress.start(1);
    progress.advance();
    progress.stop();

    expect(out.text()).toBe('');
  });

  it('counts items alone when sizes are unknown', () => {
    const line = formatProgressLine({ label: 'users', done: 150, total: 200, bytes: 0, totalBytes: undefined, startedAt: 0 }, 10_000);

    expect(line).toBe('users: 150/200 (75%), 15.0/s, ETA 4 s');
  });
});
